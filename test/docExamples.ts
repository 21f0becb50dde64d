// Examples in README.md and docs/*.md that cannot rot: a fenced block preceded by a marker comment
// is run through the real CLI and compared with what it shows.
//
//   <!-- example -->                     the block is a terminal session: each `$ COMMAND` line is
//   ```text                              run, and the lines after it (up to the next `$`) are its
//   $ aksnet size --plugin kubenet ...   output, stdout and stderr in the order written. `$ echo $?`
//   ...output...                         prints the previous command's exit status. A line that is
//   ```                                  only `…` or `...` stands for any number of lines (excerpts).
//
//   <!-- example: aksnet size ... -->    the block is the whole stdout of that one command; a
//   ```json                              `json` block is compared as JSON (so it may be compact).
//
//   <!-- example (scratch: NAME) -->     either form, run in a scratch folder that the setup NAME in
//                                        test/docExamples.test.ts prepares (files, hidden commands):
//                                        for examples about a change (base.json, head.json, deployed.json).
//
//   <!-- not-run: REASON -->             a session block that is deliberately not run here (REASON
//                                        names the test that checks it instead, or why it cannot run).
//
// Commands are `aksnet ARGS`, optionally prefixed by `cd DIR && `; as in a shell, a `cd` holds for the
// rest of its block. Folders are relative to the repository root (or the scratch folder). Arguments are
// split like a shell would (quotes, and `*` in a path's last segment). Everything runs in one child
// process (test/docExampleRunner.js) that calls the CLI bundle's main() in-process.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface DocCommand {
  /** the command as written after `$ ` (or in the marker) */
  line: string;
  /** folder the command runs in, relative to the repository root ('' = root) */
  cwd: string;
  /** arguments after `aksnet`; null for `echo $?` */
  argv: string[] | null;
  /** the output shown for it, as lines (may hold `…` wildcards) */
  expected: string[];
}

export interface DocExample {
  file: string;
  /** 1-based line of the marker */
  line: number;
  kind: 'session' | 'single';
  /** the scratch setup the block runs in, if any */
  scratch?: string;
  /** the block's info string (`text`, `json`, …) */
  lang: string;
  commands: DocCommand[];
  /** where the block's body starts and ends in the file's lines (0-based, end exclusive) */
  bodyStart: number;
  bodyEnd: number;
}

export interface UnrunBlock {
  file: string;
  line: number;
  reason: string;
}

export interface DocScan {
  examples: DocExample[];
  notRun: UnrunBlock[];
  /** session-looking blocks (a line starting `$ aksnet` or `$ cd … && aksnet`) with no marker */
  unmarked: { file: string; line: number }[];
  /** markers not followed by a fenced block, or commands that cannot be parsed */
  problems: string[];
}

const MARKER = /^<!--\s*(example|not-run)(?:\s*\(scratch:\s*([\w-]+)\))?(?::\s*(.*?))?\s*-->\s*$/;
const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)\s*$/;
const AKSNET_LINE = /^\$ (cd \S+ && )?aksnet\b/;
export const WILDCARD = /^\s*(…|\.\.\.)\s*$/;

/** Splits a command line like a POSIX shell would for the simple words docs use. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      if (end < 0) throw new Error(`unterminated ${c} in: ${line}`);
      current += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === ' ' || c === '\t') {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

/** `cd DIR && aksnet ARGS`, `aksnet ARGS` or `echo $?`. */
export function parseCommand(line: string): { cwd: string; argv: string[] | null } {
  const trimmed = line.trim();
  if (trimmed === 'echo $?') return { cwd: '', argv: null };
  const m = /^(?:cd (\S+) && )?aksnet(?: (.*))?$/.exec(trimmed);
  if (!m) throw new Error(`not an aksnet command: ${line}`);
  return { cwd: m[1] ?? '', argv: shellWords(m[2] ?? '') };
}

/** Expands `*` in the last segment of a path argument, sorted, as a shell would; no match keeps the word. */
export function expandGlobs(argv: string[], cwd: string): string[] {
  return argv.flatMap((arg) => {
    if (!arg.includes('*') || arg.startsWith('-')) return [arg];
    const dir = path.dirname(arg);
    const pattern = new RegExp(`^${path.basename(arg).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
    let names: string[];
    try {
      names = fs.readdirSync(path.resolve(cwd, dir));
    } catch {
      return [arg];
    }
    const hits = names.filter((n) => pattern.test(n) && !n.startsWith('.')).sort();
    return hits.length ? hits.map((n) => (dir === '.' ? n : `${dir}/${n}`)) : [arg];
  });
}

export function scanMarkdown(file: string, text: string): DocScan {
  const lines = text.split('\n');
  const scan: DocScan = { examples: [], notRun: [], unmarked: [], problems: [] };
  let pending: { kind: 'example' | 'not-run'; arg: string; line: number; scratch?: string } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const fence = FENCE.exec(lines[i]);
    if (!fence) {
      const marker = MARKER.exec(lines[i]);
      if (marker) pending = { kind: marker[1] as 'example' | 'not-run', scratch: marker[2], arg: (marker[3] ?? '').trim(), line: i + 1 };
      else if (pending && lines[i].trim() !== '') {
        scan.problems.push(`${file}:${pending.line}: marker not followed by a fenced block`);
        pending = null;
      }
      continue;
    }
    // a fenced block: find its end (same fence characters, at least as long)
    const open = fence[2];
    let end = i + 1;
    while (end < lines.length && !new RegExp(`^\\s*${open[0] === '`' ? '`' : '~'}{${open.length},}\\s*$`).test(lines[end])) end++;
    const body = lines.slice(i + 1, end);
    const looksLikeSession = body.some((l) => AKSNET_LINE.test(l));
    if (pending?.kind === 'not-run') {
      if (!pending.arg) scan.problems.push(`${file}:${pending.line}: not-run needs a reason`);
      scan.notRun.push({ file, line: pending.line, reason: pending.arg });
    } else if (pending?.kind === 'example') {
      try {
        scan.examples.push(exampleOf(file, pending, fence[3], body, i + 1, end));
      } catch (e) {
        scan.problems.push(`${file}:${pending.line}: ${(e as Error).message}`);
      }
    } else if (looksLikeSession) {
      scan.unmarked.push({ file, line: i + 1 });
    }
    pending = null;
    i = end;
  }
  if (pending) scan.problems.push(`${file}:${pending.line}: marker not followed by a fenced block`);
  return scan;
}

function exampleOf(
  file: string,
  marker: { arg: string; line: number; scratch?: string },
  lang: string,
  body: string[],
  bodyStart: number,
  bodyEnd: number,
): DocExample {
  const base = { file, line: marker.line, lang, bodyStart, bodyEnd, ...(marker.scratch ? { scratch: marker.scratch } : {}) };
  if (marker.arg) {
    return { ...base, kind: 'single', commands: [{ line: marker.arg, ...parseCommand(marker.arg), expected: body }] };
  }
  const commands: DocCommand[] = [];
  let cwd = '';
  for (const l of body) {
    if (l.startsWith('$ ')) {
      const parsed = parseCommand(l.slice(2));
      cwd = path.posix.join(cwd, parsed.cwd);
      commands.push({ line: l.slice(2), cwd: cwd === '.' ? '' : cwd, argv: parsed.argv, expected: [] });
    }
    else if (commands.length) commands[commands.length - 1].expected.push(l);
    else throw new Error('a session block must start with a `$ ` command line');
  }
  if (!commands.length) throw new Error('no `$ ` command in the block');
  const vacuous = commands.find((c) => c.expected.length > 0 && c.expected.every((l) => WILDCARD.test(l) || l.trim() === ''));
  if (vacuous) throw new Error(`\`${vacuous.line}\` shows only \`…\`: an excerpt must show at least one line`);
  return { ...base, kind: 'session', commands };
}

/** The output lines match the shown lines, where a wildcard line stands for any number of lines. */
export function matchesShown(shown: string[], actual: string[]): boolean {
  const norm = (ls: string[]) => ls.map((l) => l.trimEnd());
  const want = norm(shown);
  const got = norm(actual);
  // segments between wildcards must appear in order; anchored at the ends unless a wildcard is there
  const segments: string[][] = [[]];
  for (const l of want) {
    if (WILDCARD.test(l)) segments.push([]);
    else segments[segments.length - 1].push(l);
  }
  if (segments.length === 1) return want.join('\n') === got.join('\n');
  const at = (seg: string[], pos: number) => seg.every((l, k) => got[pos + k] === l);
  const first = segments[0];
  if (!at(first, 0)) return false;
  let pos = first.length;
  for (let s = 1; s < segments.length - 1; s++) {
    const seg = segments[s];
    let found = -1;
    for (let p = pos; p + seg.length <= got.length; p++) {
      if (at(seg, p)) {
        found = p;
        break;
      }
    }
    if (found < 0) return false;
    pos = found + seg.length;
  }
  const last = segments[segments.length - 1];
  return got.length - last.length >= pos && at(last, got.length - last.length);
}

/** Output text as lines without the final newline's empty line. */
export function outputLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
