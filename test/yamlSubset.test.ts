// cli/yamlSubset.ts reads stack files without js-yaml when they are plain block YAML; it must return
// exactly what js-yaml's `load` returns, or give up (UNSUPPORTED) so that js-yaml reads the file and
// reports its errors. Every check here compares with js-yaml itself, never with expected values of
// our own: js-yaml is the reference.
import { expect } from 'chai';
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { dump, load, YAMLException, type DumpOptions } from 'js-yaml';
import { InputError } from '../cli/inputError';
import { loadStack } from '../cli/loadStacks';
import { readYamlSubset, UNSUPPORTED } from '../cli/yamlSubset';
import { withTempDir } from './tmp';

type Verdict = 'read' | 'unsupported';

/** The subset reader's answer for `text`, checked against js-yaml: the same value, or UNSUPPORTED. */
function agrees(text: string): Verdict {
  const quick = readYamlSubset(text);
  let reference: unknown;
  try {
    reference = load(text);
  } catch (e) {
    // js-yaml refuses it: the subset reader must not have read anything
    expect(quick, `js-yaml refuses this (${(e as Error).message.split('\n')[0]}) but the subset reader read it:\n${text}`).to.equal(UNSUPPORTED);
    return 'unsupported';
  }
  if (quick === UNSUPPORTED) return 'unsupported';
  if (!isDeepStrictEqual(quick, reference)) {
    expect.fail(`the subset reader read\n${JSON.stringify(quick)}\nwhere js-yaml reads\n${JSON.stringify(reference)}\nfrom:\n${text}`);
  }
  return 'read';
}

// Characters that make YAML interesting: indicators, quotes, escapes, spaces, line breaks, and
// characters js-yaml treats specially (NEL, LS, BOM, controls, a lone surrogate).
const TRICKY = [...'ab09.-_+~:#?\'"\\ []{},&*!|>%@`=/', ' ', '  ', '\t', '\n', '\r', 'é', '😀', '\u0085', '\u2028', '\ufeff', '\x00', '\x7f', '\ud800'];
// Scalars that look like other types in some YAML schema (core, 1.1, JSON), as strings.
const LOOKALIKES = ['', ' ', 'null', 'Null', 'NULL', 'nULL', '~', 'true', 'True', 'TRUE', 'tRUE', 'false', 'FALSE', 'yes', 'No', 'on', 'OFF', 'y', 'n', '0', '-0', '+1', '007', '0x1F', '0X1F', '0o17', '0b101', '1_000', '1e3', '1E+3', '1.', '.5', '-.5', '1.5e-3', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', 'NaN', 'Infinity', '12:30', '1:20:30', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '<<', '---', '...', '- a', '? a', ': a', 'a: b', 'a:b', 'a #b', 'a#b', '#a', '@a', '`a', '%a', '&a', '*a', '!a', '|', '>', '[a]', '{a: 1}', 'a, b', "it's", '"q"', '\\n', 'x'.repeat(90), `${'word '.repeat(20)}end`];

const trickyString = fc.oneof(fc.constantFrom(...LOOKALIKES), fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: 12 }), fc.string({ maxLength: 8 }));
const identifier = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,10}$/);
// config keys: identifiers, namespaced (`aks-networking:network`), with spaces, and anything
const key = fc.oneof(identifier, fc.tuple(identifier, identifier).map(([a, b]) => `${a}:${b}`), fc.tuple(identifier, identifier).map(([a, b]) => `${a} ${b}`), trickyString);
const scalar = fc.oneof(trickyString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom(0.5, -0, 1e21, 2 ** 53, -1.5e-7));

const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map')),
  list: fc.array(tie('tree'), { maxLength: 4 }),
  map: fc.dictionary(key, tie('tree'), { maxKeys: 5 }),
}));
/** A stack-file-like document: config: { key: tree, ... } */
const stackLike = fc.dictionary(key, tree, { minKeys: 1, maxKeys: 6 }).map((config) => ({ config }));

// js-yaml 5's dump options that change the block layout and the quoting
const DUMP_OPTIONS: DumpOptions[] = [{}, { indent: 4 }, { indent: 1, seqNoIndent: true }, { indent: 3, seqInlineFirst: true }, { quoteStyle: 'double' }, { forceQuotes: true }, { lineWidth: -1 }, { flowLevel: 3 }, { sortKeys: true, noRefs: true }];

/** How a person might lay out a stack file: each choice is one the subset reader must follow. */
interface HandStyle {
  /** spaces per level, 1-4 */
  step: number;
  /** a mapping's sequence at the key's own column (`key:` then `- a`) */
  sequenceAtKeyColumn: boolean;
  /** `- key: value` with the mapping's first key on the dash's line */
  compact: boolean;
  /** scalars and keys written plain (`enabled: yes`, `size: 0x1F`, `x: ~`), quoted, or a mix */
  quoting: 'plain' | 'single' | 'double' | 'mixed';
  /** lists of scalars as one-line flow sequences `[a, b]` */
  flow: boolean;
  comments: boolean;
  blankLines: boolean;
  trailingSpaces: boolean;
}

const handStyle = fc.record<HandStyle>({
  step: fc.integer({ min: 1, max: 4 }),
  sequenceAtKeyColumn: fc.boolean(),
  compact: fc.boolean(),
  quoting: fc.constantFrom('plain', 'single', 'double', 'mixed'),
  flow: fc.boolean(),
  comments: fc.boolean(),
  blankLines: fc.boolean(),
  trailingSpaces: fc.boolean(),
});

/** A stack file written by hand in a given style; `chance` (0-1) decides where comments, blank lines and quotes go. */
function handWritten(doc: Record<string, unknown>, style: HandStyle, chance: () => number): string {
  const scalar = (v: unknown): string => {
    if (typeof v !== 'string') return JSON.stringify(v) ?? 'null';
    const quoting = style.quoting === 'mixed' ? (['plain', 'single', 'double'] as const)[Math.floor(chance() * 3)] : style.quoting;
    if (quoting === 'plain') return v; // whatever it holds: the reader reads it as js-yaml does, or gives up
    return quoting === 'single' ? `'${v.replace(/'/g, "''")}'` : JSON.stringify(v);
  };
  const lineEnd = (): string =>
    `${style.trailingSpaces && chance() < 0.3 ? '  ' : ''}${style.comments && chance() < 0.3 ? ' # note' : ''}\n${style.blankLines && chance() < 0.2 ? '\n' : ''}${style.comments && chance() < 0.1 ? '# a comment line\n' : ''}`;
  const isScalar = (v: unknown): boolean => v === null || typeof v !== 'object';
  const pad = (column: number): string => ' '.repeat(column);
  // what follows `key:` or `-` of a node at `column`
  const after = (v: unknown, column: number, inSequence: boolean): string => {
    if (Array.isArray(v)) {
      if (v.length === 0) return ` []${lineEnd()}`;
      if (style.flow && v.every(isScalar)) {
        const spaced = chance() < 0.5; // `[ a , b ]` as well as `[a, b]`
        return ` [${spaced ? ' ' : ''}${v.map(scalar).join(spaced ? ' , ' : ', ')}${spaced ? ' ' : ''}]${lineEnd()}`;
      }
      const dash = !inSequence && style.sequenceAtKeyColumn ? column : column + style.step;
      return lineEnd() + v.map((item) => `${pad(dash)}-${entry(item, dash)}`).join('');
    }
    if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      if (keys.length === 0) return ` {}${lineEnd()}`;
      const keyColumn = column + style.step;
      return lineEnd() + keys.map((k) => `${pad(keyColumn)}${scalar(k)}:${after((v as Record<string, unknown>)[k], keyColumn, false)}`).join('');
    }
    return ` ${scalar(v)}${lineEnd()}`;
  };
  const entry = (v: unknown, dash: number): string => {
    const keys = v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : [];
    if (!style.compact || keys.length === 0) return after(v, dash, true);
    const keyColumn = dash + 2;
    return ` ${keys.map((k, i) => `${i === 0 ? '' : pad(keyColumn)}${scalar(k)}:${after((v as Record<string, unknown>)[k], keyColumn, false)}`).join('')}`;
  };
  return Object.keys(doc).map((k) => `${scalar(k)}:${after(doc[k], 0, false)}`).join('');
}

/** A repeatable sequence of numbers in [0, 1) from a seed (a linear congruential generator). */
function chances(seed: number): () => number {
  let state = seed & 0x7fffffff;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x80000000;
  };
}

describe('cli/yamlSubset.ts: the stack-file reader agrees with js-yaml', () => {
  for (const options of DUMP_OPTIONS) {
    // flowLevel 3 writes collections three levels down as `[...]`/`{...}`: most of those are js-yaml's
    const least = options.flowLevel !== undefined ? 0.1 : 0.4;
    it(`random config-like objects, js-yaml dump(${JSON.stringify(options)}): the same value as js-yaml load, or js-yaml reads it`, () => {
      let read = 0;
      let runs = 0;
      fc.assert(
        fc.property(stackLike, (doc) => {
          runs++;
          if (agrees(dump(doc, options)) === 'read') read++;
        }),
        { numRuns: 100 },
      );
      // not vacuous: most documents are read by the subset reader itself (block scalars only for
      // strings with line breaks or over 80 characters)
      expect(read / runs, `${read} of ${runs} read`).to.be.greaterThan(least);
    });
  }

  it('random objects written by hand in random styles (indentation, sequences at the key column, compact entries, plain `enabled: yes`/`size: 0x1F` or quoted, flow lists, comments, blank lines, trailing spaces): the same value as js-yaml load', () => {
    let read = 0;
    fc.assert(
      fc.property(stackLike, handStyle, fc.integer(), (doc, style, seed) => {
        if (agrees(handWritten(doc, style, chances(seed))) === 'read') read++;
      }),
      { numRuns: 400 },
    );
    expect(read, 'hand-written documents the subset reader read').to.be.greaterThan(150);
  });

  it('stack files saved on Windows (CR LF line ends, a byte order mark): read as js-yaml reads them', () => {
    let read = 0;
    fc.assert(
      fc.property(stackLike, fc.boolean(), fc.boolean(), (doc, crlf, bom) => {
        let text = dump(doc);
        if (crlf) text = text.replace(/\n/g, '\r\n');
        if (bom) text = `\ufeff${text}`;
        if (agrees(text) === 'read') read++;
      }),
      { numRuns: 200 },
    );
    expect(read, 'documents the subset reader read').to.be.greaterThan(100);
  });

  it('documents of printable one-line strings dumped without folding are always read, never handed to js-yaml', () => {
    const printable = fc.string({ unit: fc.constantFrom(...'aZ09 .-_+~:#?\'"\\[]{},&*!|>%@`/é😀'), maxLength: 15 });
    // a key written plain and first on its line may not begin with `---` or `...` (the reader leaves
    // those to js-yaml, which takes some of them for document markers)
    const plainKey = fc.oneof(identifier, printable).filter((k) => !/^(---|\.\.\.)/.test(k));
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.oneof(printable, fc.constantFrom(...LOOKALIKES.filter((s) => !s.includes('\n') && s.length < 80)), fc.integer(), fc.double(), fc.boolean(), fc.constant(null)), tie('list'), tie('map')),
      list: fc.array(tie('value'), { maxLength: 4 }),
      map: fc.dictionary(plainKey.filter((k) => k !== '__proto__' && k !== '<<'), tie('value'), { maxKeys: 4 }),
    }));
    fc.assert(
      fc.property(fc.dictionary(plainKey.filter((k) => k !== '__proto__' && k !== '<<'), value, { minKeys: 1, maxKeys: 5 }), fc.constantFrom<DumpOptions>({ lineWidth: -1 }, { lineWidth: -1, indent: 4 }, { lineWidth: -1, quoteStyle: 'double' }, { lineWidth: -1, forceQuotes: true }), (doc, options) => {
        const text = dump({ config: doc }, options);
        expect(agrees(text), text).to.equal('read');
      }),
      { numRuns: 400 },
    );
  });

  it('dumped documents with one random edit (a character, a deleted span, a line moved, re-indented): the same value as js-yaml, or js-yaml reads it, errors included', () => {
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...TRICKY, ': ', ' #', '- ', '---\n', '\n  ', '&a ', '*a', '!!str ', '<<: ') }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ kind: fc.constant('moveLine' as const), from: fc.nat(), to: fc.nat() }),
      fc.record({ kind: fc.constant('indent' as const), line: fc.nat(), by: fc.constantFrom(-2, -1, 1, 2, 3) }),
    );
    let read = 0;
    fc.assert(
      fc.property(stackLike, edit, (doc, e) => {
        let text = dump(doc);
        if (e.kind === 'insert') {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.text + text.slice(at);
        } else if (e.kind === 'delete') {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + text.slice(at + e.length);
        } else {
          const lines = text.split('\n');
          if (e.kind === 'moveLine') {
            const [moved] = lines.splice(e.from % lines.length, 1);
            lines.splice(e.to % (lines.length + 1), 0, moved);
          } else {
            const i = e.line % lines.length;
            lines[i] = e.by > 0 ? ' '.repeat(e.by) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-e.by}}`), '');
          }
          text = lines.join('\n');
        }
        if (agrees(text) === 'read') read++;
      }),
      { numRuns: 800 },
    );
    expect(read, 'edited documents the subset reader read').to.be.greaterThan(150);
  });

  it('random YAML-like lines (indentation, entries, keys, separators, values from a vocabulary of the subset and beyond): the same value as js-yaml, or js-yaml reads it, errors included', () => {
    const fragment = fc.constantFrom('a', 'k y', '"q"', "'s'", '1', '0x1F', '~', 'yes', '-1', '.5', '[]', '{}', '[a, b]', '[a, [b]]', '"a\\tb"', "'it''s'", '#c', ' #c', '- x', '-', '?x', ':x', 'a:b', '"', "'", '&a', '*a', '!!str', '|', '{a: 1}', '[a', '---', '...', '<<', '');
    const yamlLine = fc
      .tuple(fc.constantFrom(0, 0, 2, 2, 4, 1, 3, 6), fc.constantFrom('', '- ', '- - ', '-  '), fc.option(fragment), fc.constantFrom(':', ': ', ' : ', '', ':  '), fc.option(fragment))
      .map(([indent, dash, k, separator, v]) => ' '.repeat(indent) + dash + (k ?? '') + separator + (v ?? ''));
    let read = 0;
    fc.assert(
      fc.property(fc.array(yamlLine, { minLength: 1, maxLength: 8 }), (lines) => {
        if (agrees(`${lines.join('\n')}\n`) === 'read') read++;
      }),
      { numRuns: 4000 },
    );
    expect(read, 'documents the subset reader read').to.be.greaterThan(100);
  });

  it('every YAML file of the repository (stack files, examples, test fixtures, workflows) and every YAML example in docs/', () => {
    const root = path.join(__dirname, '..');
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === '.git') continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.ya?ml$/.test(entry.name)) files.push(full);
      }
    };
    walk(root);
    const texts = files.map((f) => ({ name: path.relative(root, f), text: fs.readFileSync(f, 'utf8') }));
    for (const doc of ['README.md', ...fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)]) {
      const md = fs.readFileSync(path.join(root, doc), 'utf8');
      [...md.matchAll(/```ya?ml\n([\s\S]*?)```/g)].forEach((m, i) => texts.push({ name: `${doc} yaml block ${i + 1}`, text: m[1] }));
    }
    const verdicts = texts.map(({ name, text }) => ({ name, verdict: /^---\s*$/m.test(text.split('\n').slice(1).join('\n')) ? 'several documents' : agrees(text) }));
    // the stack files this project ships are all read by the subset reader (the point of it)
    const stackFiles = verdicts.filter((v) => /(^|\/)Pulumi\.[^/]+\.yaml$/.test(v.name));
    expect(stackFiles.length).to.be.greaterThan(5);
    expect(stackFiles.filter((v) => v.verdict !== 'read').map((v) => v.name)).to.deep.equal([]);
  });

  it('scalars: every null, boolean, integer and float spelling resolves as js-yaml resolves it, as a value and as a key', () => {
    for (const s of [...LOOKALIKES.filter((s) => !s.includes('\n')), '0x', '0xG', '-0x1', '+0o7', '0o8', '1__0', '1e', 'e3', '1.2.3', '- 1', '9'.repeat(400), `${'9'.repeat(400)}.5`, '-.inf', '.Inf', '.INF', '+.inf', '.NAN', '-.nan', '+12', '-12', '00', '0.0', '-0.0', '+0.0', '1e400', 'true ', 'Yes', 'ON', 'N']) {
      if (s === '' || s.startsWith(' ')) continue;
      for (const text of [`value: ${s}\n`, `${s}: value\n`, `- ${s}\n`, `'k': '${s.replace(/'/g, "''")}'\n`, `"k": ${JSON.stringify(s)}\n`]) agrees(text);
    }
  });

  it('hand-written stack-file shapes: comments, a leading ---, empty values, sequences at the key column, compact nesting, quoted keys, secure values, CR LF and a BOM', () => {
    const read = [
      '# a stack file\n---\nconfig:\n  aws:region: us-west-2 # trailing comment\n',
      'config:\n  a:\n  b: ~\n  c: null\n  d: []\n  e: {}\n  f: ""\n  g: \'\'\n',
      'config:\n  list:\n  - a\n  - b\n  next: 1\n',
      'config:\n    list:\n        -   name: a\n            size: 1\n        -   name: b\n',
      '- - a\n  - b\n- - - c\n-\n  k: v\n-\n- # nothing\n',
      'config:\n  proj:password:\n    secure: AAABAJzPaQ3ryMmxb/B5RWpJw6e9VGz9iR4=\n',
      'config:\n  "quoted key": 1\n  \'single\' : 2\n  a:b: 3\n  a b: 4\n  -x: 5\n  x#y: 6\n',
      'a: "tab\\t nl\\n quote\\" back\\\\ slash\\/ nul\\0 bell\\a esc\\e nel\\N nbsp\\_ ls\\L ps\\P hex\\x41 u\\u00e9 U\\U0001F600"\n',
      "a: 'it''s ''quoted'''\nb: 'x # not a comment'\nc: x#y\nd: x # comment\n",
      '\n\n  # indented comment\n\nroot:\n\n    # comment between\n    child: 1\n# at column 0\n    sibling: 2\n',
      'a: 1   \nb:    2\nc: 3\t'.replace('\t', ''),
      'top:\n  - a: 1\n    b:\n      - x\n    c:\n    - y\n  - z\n',
      '\ufeffconfig:\r\n  a: "x" # c\r\n  b:\r\n    - y\r\n',
      'a: [kube-system, calico-system, "q,uoted", \'it\'\'s\', 1, -2, .5, ~, null, TRUE, 0x1f, a b]\nb: [ ]\nc: []  # empty\nd: [ x , 1 ,  ~ ]\n',
      '?a: 1\n:b: 2\nc: ?x\nd: :y\ne: -z\n',
    ];
    for (const text of read) expect(agrees(text), text).to.equal('read');
  });

  it('what the subset does not cover is handed to js-yaml (UNSUPPORTED), never read wrong', () => {
    const unsupported = [
      'a: [1, [2]]\n', // flow collections but one-line sequences of scalars
      'a: [a: 1]\n',
      'a: [a, ]\n',
      'a: [a,\n  b]\n',
      'a: [a # c\n  ]\n',
      'a: [?x]\n',
      'a: {b: 1}\n',
      'a: &x 1\nb: *x\n', // anchors and aliases
      'a: !!str 1\n', // tags
      'a: |\n  text\n', // block scalars
      'a: >-\n  text\n',
      'a: one\n  two\n', // a plain scalar over two lines
      'a: "one\n  two"\n', // quoted over two lines
      "a: 'one\n  two'\n",
      'a: "escaped \\\n  break"\n',
      'a: 1\na: 2\n', // duplicate keys: js-yaml's error
      '1: a\n"1": b\n', // duplicates once keys are strings
      'a:\n\tb: 1\n', // tabs
      'a: 1\rb: 2\r', // CR alone
      'a: 1\n\ufeffb: 2\n', // a BOM inside
      '<<: {a: 1}\n', // merge keys
      '<<: x\n',
      '__proto__: x\n',
      '? a\n: b\n', // explicit (complex) keys
      'a:\n   b: 1\n  c: 2\n', // odd indentation
      'a: 1\n b: 2\n',
      '- a\nb: 1\n',
      'a: b: c\n',
      'a: - b\n',
      '--- a\n', // content on the --- line
      ' --- : a\n', // js-yaml takes an indented --- at the top for a document start
      'a: 1\n---\nb: 2\n', // two documents
      'a: 1\n...\n',
      '%YAML 1.2\n---\na: 1\n',
      'a: "\\q"\n', // unknown escape
      'a: "\\ud800"\n', // surrogates by escape
      'a: "\\U00110000"\n',
      'plain scalar\n', // not a mapping or a sequence
      '', // empty document
      '# only a comment\n',
      'a: \x01\n', // control character
      'a: "x" y\n',
      "a: 'x'#c\n",
    ];
    for (const text of unsupported) {
      expect(readYamlSubset(text), JSON.stringify(text)).to.equal(UNSUPPORTED);
      agrees(text);
    }
  });

  it('loadStack: a stack file the subset reads gives the same inputs; one it refuses still fails with js-yaml\'s INVALID_YAML message and position', () => {
    withTempDir((dir) => {
      const good = path.join(dir, 'Pulumi.good.yaml');
      fs.writeFileSync(good, 'config:\n  azure-native:location: westeurope\n  aks-networking:network:\n    addressSpace: [10.0.0.0/16]\n    plugin: azure-cni-overlay\n');
      expect(readYamlSubset(fs.readFileSync(good, 'utf8'))).to.not.equal(UNSUPPORTED);
      const stack = loadStack(good);
      expect(stack.networkRaw).to.deep.equal((load(fs.readFileSync(good, 'utf8')) as { config: Record<string, unknown> }).config['aks-networking:network']);
      expect(stack.providerLocation).to.equal('westeurope');

      // a duplicate key in block YAML: refused by the subset reader, reported by js-yaml
      const bad = path.join(dir, 'Pulumi.bad.yaml');
      const text = 'config:\n  aks-networking:network:\n    plugin: azure-cni\n    plugin: kubenet\n';
      fs.writeFileSync(bad, text);
      let reference: YAMLException | undefined;
      try {
        load(text);
      } catch (e) {
        reference = e as YAMLException;
      }
      expect(reference, 'js-yaml refuses a duplicate key').to.be.instanceOf(YAMLException);
      let problem: InputError['problems'][number] | undefined;
      try {
        loadStack(bad);
      } catch (e) {
        problem = (e as InputError).problems[0];
      }
      expect(problem?.code).to.equal('INVALID_YAML');
      expect(problem?.file).to.match(new RegExp(`Pulumi\\.bad\\.yaml:${reference!.mark!.line + 1}:${reference!.mark!.column + 1}$`));
      expect(problem?.message).to.equal(reference!.reason);
    });
  });
});
