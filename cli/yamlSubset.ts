// A fast first pass over stack files: reads the block-style subset of YAML that Pulumi stack files
// and js-yaml's `dump` write (block mappings and sequences; one-line plain, single- and
// double-quoted scalars; one-line flow sequences of such scalars; comments; a leading `---`; `{}`)
// and returns exactly what js-yaml's `load` returns for them, or UNSUPPORTED for anything else:
// other flow collections, anchors, aliases, tags, block scalars, scalars over several lines,
// duplicate keys, `<<`, `__proto__`, tabs, odd indentation, every syntax error. The caller
// then runs js-yaml, so every error a user sees, with its line and column, is still js-yaml's own.
//
// Why: under `--no-opt` (bin/aksnet.js) js-yaml's event parser took about 70 ms of CPU for a
// 237 KB stack file (3,000 subnets), a quarter of `aksnet plan`; this reader takes about 12. It is
// line-based and leans on native string search (indexOf, slice), because interpreted per-character
// loops are what cost js-yaml its time without the optimizing compiler.
//
// Plain scalars resolve with js-yaml's own core-schema tags (the schema `load` uses by default), in
// the same order and by the same first character, so `null`/`~`, `True`, `0x1F`, `0o17`, `.inf`,
// `1e3` and their neighbours come out as js-yaml makes them; keys are String() of that value, as
// js-yaml's mapping tag makes them. test/yamlSubset.test.ts checks all of this against js-yaml.
import { boolCoreTag, floatCoreTag, intCoreTag, NOT_RESOLVED, nullCoreTag } from 'js-yaml';

/** What readYamlSubset answers for input outside the subset (or not valid YAML): use js-yaml. */
export const UNSUPPORTED: unique symbol = Symbol('outside the YAML subset');

/** The value js-yaml's `load(text)` returns, or UNSUPPORTED when the text is not surely in the subset. */
export function readYamlSubset(text: string): unknown {
  // as saved on Windows: js-yaml skips a byte order mark at the start, and CR LF ends a line as LF
  // does (no scalar of the subset goes over a line end, so none can hold the CR)
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\r')) {
    if (LONE_CR.test(text)) return UNSUPPORTED;
    text = text.replace(CRLF, '\n');
  }
  // tabs, a CR alone, BOMs inside, control and C1 characters, U+FFFE/FFFF, lone surrogates: js-yaml's
  // rules for these (errors, line breaks, separation) are not worth copying for files that never hold them
  if (UNSAFE_CHARACTER.test(text) || !(text as unknown as { isWellFormed(): boolean }).isWellFormed()) return UNSUPPORTED;
  lines = text.split('\n');
  try {
    let first = 0;
    while (first < lines.length && isBlankOrComment(lines[first])) first++;
    if (lines[first] === '---') first++;
    nextContent(first);
    if (indent < 0) return UNSUPPORTED; // an empty document: js-yaml's answer, not ours
    const value = blockNode(indent);
    if (indent >= 0) return UNSUPPORTED; // something after the top-level node
    return value;
  } catch (e) {
    if (e === OUTSIDE) return UNSUPPORTED;
    throw e;
  } finally {
    lines = [];
    line = '';
  }
}

const UNSAFE_CHARACTER = /[^\n\x20-\x7e\xa0-\ufefe\uff00-\ufffd]/;
const LONE_CR = /\r(?!\n)/;
const CRLF = /\r\n/g;

/** Thrown (never escapes readYamlSubset) to give up from any depth. */
const OUTSIDE = { outside: true };

// The reader's state: one document at a time, nothing kept between calls.
let lines: string[] = [];
/** index in `lines` of the current line, the next one holding content */
let at = 0;
/** the current line (lines[at]), '' at the end */
let line = '';
/** spaces before the current line's content; -1 at the end */
let indent = -1;

// The scalar `token` read last.
/** plain: its text (not yet resolved); quoted: its value */
let tokenText = '';
let tokenPlain = false;
/** the scalar is followed by `:` and a space or the line's end: a mapping key */
let tokenIsKey = false;
/** column after the key's `:`, or after a quoted scalar's closing quote */
let pos = 0;

const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const BACKSLASH = 92;

function isBlankOrComment(l: string): boolean {
  let c = 0;
  while (l.charCodeAt(c) === SPACE) c++;
  return c === l.length || l.charCodeAt(c) === HASH;
}

/** Moves to the first line from `from` with content (not blank, not a comment line). */
function nextContent(from: number): void {
  for (at = from; at < lines.length; at++) {
    const l = lines[at];
    let c = 0;
    while (l.charCodeAt(c) === SPACE) c++;
    const first = l.charCodeAt(c);
    if (c === l.length || first === HASH) continue;
    // `---` / `...` first on a line: another document, or its end; and where indented, js-yaml
    // still takes it for a document start at the top of a document
    if ((first === DASH || first === 46) && (l.startsWith('---', c) || l.startsWith('...', c))) throw OUTSIDE;
    line = l;
    indent = c;
    return;
  }
  line = '';
  indent = -1;
}

/** `-` followed by a space or the line's end at column c: a block sequence entry. */
function isEntry(c: number): boolean {
  return line.charCodeAt(c) === DASH && (c + 1 === line.length || line.charCodeAt(c + 1) === SPACE);
}

// A node ends at the first line with content that is not at its column. A line deeper than the
// node it follows (a scalar going on, or wrong indentation) ends every node open, since none is at
// that column, and readYamlSubset refuses what is left; a line between two nodes' columns likewise.

/** A node starting a line at column n: a block sequence or mapping (a scalar alone on its line is left to js-yaml). */
function blockNode(n: number): unknown {
  if (isEntry(n)) return sequence(n);
  readToken(n);
  return mapping(n);
}

/** A block mapping whose first key is the token just read, at column n of the current line. */
function mapping(n: number): Record<string, unknown> {
  const map: Record<string, unknown> = {};
  for (;;) {
    if (!tokenIsKey) throw OUTSIDE;
    const key = tokenPlain ? String(resolvePlain(tokenText)) : tokenText;
    // a duplicate is js-yaml's error to report; `<<` and `__proto__` are keys with special rules
    if (Object.hasOwn(map, key) || key === '__proto__' || key === '<<') throw OUTSIDE;
    map[key] = valueAfter(n, pos, true);
    if (indent !== n) return map;
    readToken(n);
  }
}

/** A block sequence whose `-` is at column n of the current line. */
function sequence(n: number): unknown[] {
  const seq: unknown[] = [];
  for (;;) {
    seq.push(valueAfter(n, n + 1, false));
    if (indent !== n) return seq;
    // at column n but no entry: the key after a sequence that is a mapping's value at the key's
    // column (the mapping checks it), or an error at the top (readYamlSubset checks it)
    if (!isEntry(n)) return seq;
  }
}

/**
 * The value after a key's `:` or an entry's `-` (column p on the current line) of a node at column
 * n; leaves the current line at the next line with content. A mapping's value may be a sequence at
 * the key's own column (`key:` then `- a`), a sequence entry's may not.
 */
function valueAfter(n: number, p: number, sequenceAtSameColumn: boolean): unknown {
  while (line.charCodeAt(p) === SPACE) p++;
  if (p === line.length || line.charCodeAt(p) === HASH) {
    // nothing (or a comment) on this line: the value is on the next lines, or null
    nextContent(at + 1);
    if (indent > n) return blockNode(indent);
    if (indent === n && sequenceAtSameColumn && isEntry(n)) return sequence(n);
    return null;
  }
  let value: unknown;
  const ch = line.charCodeAt(p);
  if (ch === 91 /* [ */) {
    value = flowSequence(p);
    restIsComment(pos);
  } else if (ch === 123 /* { */ && line.charCodeAt(p + 1) === 125 /* } */) {
    value = {};
    restIsComment(p + 2);
  } else if (!sequenceAtSameColumn && isEntry(p)) {
    return sequence(p); // `- - a`: a sequence in a sequence, at the inner dash's column
  } else {
    readToken(p);
    if (tokenIsKey) {
      if (sequenceAtSameColumn) throw OUTSIDE; // `a: b: c`
      return mapping(p); // `- key: value`: a mapping in a sequence, its keys at column p
    }
    value = tokenPlain ? resolvePlain(tokenText) : tokenText;
  }
  nextContent(at + 1);
  return value;
}

/**
 * A flow sequence on one line, `[a, b, "c"]`, as Pulumi.prod.yaml writes short lists: its entries
 * quoted scalars, or plain ones of letters, digits and `._/~+-` (spaces inside), so that where
 * they end (a comma or the bracket) is plain; pos is set after the `]`. Nested collections, pairs
 * (`a: b`), empty or trailing entries and anything else are js-yaml's.
 */
function flowSequence(c: number): unknown[] {
  const seq: unknown[] = [];
  let p = c + 1;
  while (line.charCodeAt(p) === SPACE) p++;
  if (line.charCodeAt(p) === 93 /* ] */) {
    pos = p + 1;
    return seq;
  }
  for (;;) {
    const ch = line.charCodeAt(p);
    if (ch === DOUBLE_QUOTE) {
      seq.push(doubleQuoted(p));
      p = pos;
    } else if (ch === SINGLE_QUOTE) {
      seq.push(singleQuoted(p));
      p = pos;
    } else {
      const comma = line.indexOf(',', p);
      const close = line.indexOf(']', p);
      let end = comma >= 0 && comma < close ? comma : close;
      if (end < 0) throw OUTSIDE; // goes on over the next line
      while (line.charCodeAt(end - 1) === SPACE) end--;
      const text = line.slice(p, end);
      if (!FLOW_PLAIN.test(text)) throw OUTSIDE;
      seq.push(resolvePlain(text));
      p = end;
    }
    while (line.charCodeAt(p) === SPACE) p++;
    if (line.charCodeAt(p) === 93 /* ] */) {
      pos = p + 1;
      return seq;
    }
    if (line.charCodeAt(p) !== 44 /* , */) throw OUTSIDE;
    p++;
    while (line.charCodeAt(p) === SPACE) p++;
  }
}

/** A plain scalar in a flow sequence that ends where the next `,` or `]` is: no indicator, no `- `, `: ` or ` #`. */
const FLOW_PLAIN = /^-?[A-Za-z0-9_./~+][A-Za-z0-9_./~+ -]*$/;

/** After a value at column p: only spaces, then a comment or nothing. */
function restIsComment(p: number): void {
  const start = p;
  while (line.charCodeAt(p) === SPACE) p++;
  if (p < line.length && !(line.charCodeAt(p) === HASH && p > start)) throw OUTSIDE;
}

/**
 * Reads the scalar at column c of the current line into tokenText/tokenPlain/tokenIsKey (and pos,
 * after a key's `:`). A plain scalar ends at `: `, at ` #` or at the line's end, trailing spaces
 * dropped; what may follow a quoted one is checked here.
 */
function readToken(c: number): void {
  const ch = line.charCodeAt(c);
  let p: number;
  if (ch === DOUBLE_QUOTE) {
    tokenText = doubleQuoted(c);
    p = pos;
  } else if (ch === SINGLE_QUOTE) {
    tokenText = singleQuoted(c);
    p = pos;
  } else {
    if (!canStartPlain(ch, c)) throw OUTSIDE;
    const len = line.length;
    let colon = line.indexOf(':', c);
    while (colon >= 0 && colon + 1 < len && line.charCodeAt(colon + 1) !== SPACE) colon = line.indexOf(':', colon + 1);
    const comment = line.indexOf(' #', c);
    let end = len;
    tokenIsKey = colon >= 0 && (comment < 0 || colon < comment);
    if (tokenIsKey) {
      end = colon;
      pos = colon + 1;
    } else if (comment >= 0) {
      end = comment;
    }
    while (line.charCodeAt(end - 1) === SPACE) end--;
    tokenText = line.slice(c, end);
    tokenPlain = true;
    return;
  }
  tokenPlain = false;
  const closed = p;
  while (line.charCodeAt(p) === SPACE) p++;
  if (line.charCodeAt(p) === COLON && (p + 1 === line.length || line.charCodeAt(p + 1) === SPACE)) {
    tokenIsKey = true;
    pos = p + 1;
    return;
  }
  tokenIsKey = false;
  if (p < line.length && !(line.charCodeAt(p) === HASH && p > closed)) throw OUTSIDE;
}

/** A plain scalar may start here (block context): not an indicator (js-yaml's canStartPlainScalar; stricter for `:`). */
function canStartPlain(ch: number, c: number): boolean {
  // `-`, `?` and `:` start a plain scalar when a character other than a space follows (else: an
  // entry, an explicit key, an explicit value)
  if (ch === DASH || ch === 63 /* ? */ || ch === COLON) return c + 1 < line.length && line.charCodeAt(c + 1) !== SPACE;
  return ch >= 128 || PLAIN_CAN_START[ch] === 1;
}

/** 1 for the ASCII characters a plain scalar may start with: not space # & * ! | > ' " % @ ` , [ ] { } */
const PLAIN_CAN_START = new Uint8Array(128).fill(1);
for (const c of ' #&*!|>\'"%@`,[]{}') PLAIN_CAN_START[c.charCodeAt(0)] = 0;

/** A single-quoted scalar closed on this line ('' is a quote); pos is set after the closing quote. */
function singleQuoted(c: number): string {
  let value = '';
  let start = c + 1;
  for (;;) {
    const q = line.indexOf("'", start);
    if (q < 0) throw OUTSIDE; // goes on over the next line
    if (line.charCodeAt(q + 1) !== SINGLE_QUOTE) {
      pos = q + 1;
      return value + line.slice(start, q);
    }
    value += line.slice(start, q + 1);
    start = q + 2;
  }
}

/** A double-quoted scalar closed on this line, escapes decoded as js-yaml does; pos is set after it. */
function doubleQuoted(c: number): string {
  let value = '';
  let start = c + 1;
  for (let p = start; p < line.length; p++) {
    const ch = line.charCodeAt(p);
    if (ch === DOUBLE_QUOTE) {
      pos = p + 1;
      return value + line.slice(start, p);
    }
    if (ch !== BACKSLASH) continue;
    value += line.slice(start, p);
    const escape = line[p + 1];
    const simple = ESCAPES[escape];
    if (simple !== undefined) {
      value += simple;
      p += 1;
    } else {
      // \xXX, \uXXXX, \UXXXXXXXX; surrogates (js-yaml joins or keeps them) and code points past
      // U+10FFFF are left to js-yaml, as are unknown escapes and an escaped line break
      const digits = escape === 'x' ? 2 : escape === 'u' ? 4 : escape === 'U' ? 8 : 0;
      const hex = line.slice(p + 2, p + 2 + digits);
      if (digits === 0 || !HEX_DIGITS.test(hex) || hex.length !== digits) throw OUTSIDE;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw OUTSIDE;
      value += String.fromCodePoint(code);
      p += 1 + digits;
    }
    start = p + 1;
  }
  throw OUTSIDE; // not closed on this line
}

const HEX_DIGITS = /^[0-9a-fA-F]+$/;

/** YAML 1.2's one-character escapes (https://yaml.org/spec/1.2.2/#57-escaped-characters), as js-yaml decodes them. */
const ESCAPES: Record<string, string | undefined> = Object.assign(Object.create(null) as Record<string, string>, {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
});

interface ImplicitTag {
  implicitFirstChars: readonly string[] | null;
  tagName: string;
  resolve(source: string, isExplicit: boolean, tagName: string): unknown;
}

/** js-yaml's core schema (the default of `load`): its implicit tags in schema order, by first character. */
const IMPLICIT_BY_FIRST_CHAR = new Map<string, ImplicitTag[]>();
for (const tag of [nullCoreTag, boolCoreTag, intCoreTag, floatCoreTag] as unknown as ImplicitTag[]) {
  for (const first of tag.implicitFirstChars ?? []) {
    const tags = IMPLICIT_BY_FIRST_CHAR.get(first) ?? [];
    tags.push(tag);
    IMPLICIT_BY_FIRST_CHAR.set(first, tags);
  }
}

/** The value of a (non-empty) plain scalar: null, a boolean, a number, or the string itself. */
function resolvePlain(text: string): unknown {
  const tags = IMPLICIT_BY_FIRST_CHAR.get(text[0]);
  if (tags !== undefined) {
    for (let i = 0; i < tags.length; i++) {
      const value = tags[i].resolve(text, false, tags[i].tagName);
      if (value !== NOT_RESOLVED) return value;
    }
  }
  return text;
}
