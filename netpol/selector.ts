// Calico's label selector language, parsed the way Calico parses it (libcalico-go/lib/selector:
// tokenizer.go and parser/parser.go, v3.30) and compiled to a predicate over a label map.
// Grammar (https://docs.tigera.io/calico/latest/reference/resources/networkpolicy#selectors):
//   or   := and ('||' and)*
//   and  := op ('&&' op)*
//   op   := '!'* ( has(k) | all() | global() | k == "v" | k != "v" | k in {"a","b"} | k not in {...}
//               | k contains "v" | k starts with "v" | k ends with "v" | '(' or ')' )
// Only space and tab separate tokens (a newline is an error, as in Calico). Strings use either quote
// and have no escapes. An empty selector is all().

export type Labels = Readonly<Record<string, string>>;

export type SelectorNode =
  | { op: 'all' }
  | { op: 'global' }
  | { op: 'has'; label: string }
  | { op: '==' | '!=' | 'contains' | 'starts with' | 'ends with'; label: string; value: string }
  | { op: 'in' | 'not in'; label: string; values: string[] }
  | { op: '!'; arg: SelectorNode }
  | { op: '&&' | '||'; args: SelectorNode[] };

export interface Selector {
  readonly source: string;
  readonly ast: SelectorNode;
  readonly usesGlobal: boolean;
  matches(labels: Labels): boolean;
}

export class SelectorError extends Error {}

type Token =
  | { kind: 'label' | 'string' | 'has'; value: string }
  | { kind: '(' | ')' | '{' | '}' | ',' | '==' | '!=' | '!' | '&&' | '||' | 'in' | 'not in' | 'contains' | 'starts with' | 'ends with' | 'all' | 'global' | 'eof' };

/** Calico's label characters: letters, digits, _ . / - (tokenizer.identifierChar). */
const IDENT = /^[A-Za-z0-9_./-]+/;
const MAX_LABEL_LENGTH = 512;

function trimSpace(s: string): string {
  let i = 0;
  while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  return s.slice(i);
}

function cutIdentifier(s: string): [string, string] {
  const m = IDENT.exec(s);
  if (!m) throw new SelectorError(`expected a label at "${s.slice(0, 20)}"`);
  if (m[0].length > MAX_LABEL_LENGTH) throw new SelectorError(`label longer than ${MAX_LABEL_LENGTH} characters`);
  return [m[0], s.slice(m[0].length)];
}

/** `word` (or the words of a multi-word operator) followed by a break: not part of a longer label. */
function cutWords(s: string, ...words: string[]): string | undefined {
  let rest = s;
  for (const w of words) {
    if (!rest.startsWith(w)) return undefined;
    rest = trimSpace(rest.slice(w.length));
  }
  return rest === '' || !IDENT.test(rest[0]) ? rest : undefined;
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let s = input;
  for (;;) {
    s = trimSpace(s);
    if (s[0] === '\n' || s[0] === '\r') throw new SelectorError('a newline is not allowed in a selector (Calico separates tokens by space and tab only: use a folded >- block or one line)');
    if (s === '') {
      tokens.push({ kind: 'eof' });
      return tokens;
    }
    const c = s[0];
    const last = tokens[tokens.length - 1];
    if ('(){},'.includes(c)) {
      tokens.push({ kind: c as '(' });
      s = s.slice(1);
    } else if (c === '"' || c === "'") {
      const end = s.indexOf(c, 1);
      if (end < 0) throw new SelectorError('unterminated string');
      tokens.push({ kind: 'string', value: s.slice(1, end) });
      s = s.slice(end + 1);
    } else if (c === '=') {
      if (!s.startsWith('==')) throw new SelectorError('expected == (a single = is not an operator)');
      tokens.push({ kind: '==' });
      s = s.slice(2);
    } else if (c === '!') {
      const ne = s.startsWith('!=');
      tokens.push({ kind: ne ? '!=' : '!' });
      s = s.slice(ne ? 2 : 1);
    } else if (c === '&' || c === '|') {
      const op = c === '&' ? '&&' : '||';
      if (!s.startsWith(op)) throw new SelectorError(`expected ${op}`);
      tokens.push({ kind: op });
      s = s.slice(2);
    } else if (last?.kind === 'label') {
      // after a label only an operator word may follow (Calico's tokenizer rule)
      const ops: [Token['kind'], string[]][] = [['contains', ['contains']], ['starts with', ['starts', 'with']], ['ends with', ['ends', 'with']], ['not in', ['not', 'in']], ['in', ['in']]];
      const hit = ops.map(([kind, words]) => [kind, cutWords(s, ...words)] as const).find(([, rest]) => rest !== undefined);
      if (!hit) throw new SelectorError(`expected an operator after label "${last.value}"`);
      tokens.push({ kind: hit[0] } as Token);
      s = hit[1] as string;
    } else if (s.startsWith('has(')) {
      const [label, rest] = cutIdentifier(trimSpace(s.slice(4)));
      const close = trimSpace(rest);
      if (!close.startsWith(')')) throw new SelectorError("no closing ')' after has(");
      tokens.push({ kind: 'has', value: label });
      s = close.slice(1);
    } else if (s.startsWith('all(') || s.startsWith('global(')) {
      const kind = s.startsWith('all(') ? 'all' : 'global';
      const close = trimSpace(s.slice(kind.length + 1));
      if (!close.startsWith(')')) throw new SelectorError(`no closing ')' after ${kind}(`);
      tokens.push({ kind });
      s = close.slice(1);
    } else {
      const [label, rest] = cutIdentifier(s);
      tokens.push({ kind: 'label', value: label });
      s = rest;
    }
  }
}

function describe(t: Token): string {
  return t.kind === 'eof' ? 'end of selector' : 'value' in t ? `${t.kind} "${t.value}"` : `"${t.kind}"`;
}

class Parser {
  private i = 0;
  usesGlobal = false;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i];
  }

  or(): SelectorNode {
    const args = [this.and()];
    while (this.peek().kind === '||') {
      this.i++;
      args.push(this.and());
    }
    return args.length === 1 ? args[0] : { op: '||', args };
  }

  private and(): SelectorNode {
    const args = [this.operation()];
    while (this.peek().kind === '&&') {
      this.i++;
      args.push(this.operation());
    }
    return args.length === 1 ? args[0] : { op: '&&', args };
  }

  private string(): string {
    const t = this.peek();
    if (t.kind !== 'string') throw new SelectorError(`expected a quoted string, found ${describe(t)}`);
    this.i++;
    return t.value;
  }

  private operation(): SelectorNode {
    let negated = false;
    while (this.peek().kind === '!') {
      negated = !negated;
      this.i++;
    }
    const t = this.peek();
    this.i++;
    let node: SelectorNode;
    if (t.kind === 'has') node = { op: 'has', label: t.value };
    else if (t.kind === 'all') node = { op: 'all' };
    else if (t.kind === 'global') {
      this.usesGlobal = true;
      node = { op: 'global' };
    } else if (t.kind === 'label') {
      const op = this.peek();
      this.i++;
      if (op.kind === '==' || op.kind === '!=' || op.kind === 'contains' || op.kind === 'starts with' || op.kind === 'ends with') {
        node = { op: op.kind, label: t.value, value: this.string() };
      } else if (op.kind === 'in' || op.kind === 'not in') {
        if (this.peek().kind !== '{') throw new SelectorError(`expected a set literal {"a", "b"} after ${op.kind}`);
        this.i++;
        const values: string[] = [];
        while (this.peek().kind === 'string') {
          values.push(this.string());
          if (this.peek().kind !== ',') break;
          this.i++;
        }
        if (this.peek().kind !== '}') throw new SelectorError(`expected } to close the set, found ${describe(this.peek())}`);
        this.i++;
        node = { op: op.kind, label: t.value, values };
      } else {
        throw new SelectorError(`expected an operator (==, !=, in, not in, contains, starts with, ends with) after label "${t.value}", found ${describe(op)}`);
      }
    } else if (t.kind === '(') {
      node = this.or();
      if (this.peek().kind !== ')') throw new SelectorError(`expected ), found ${describe(this.peek())}`);
      this.i++;
    } else {
      throw new SelectorError(`unexpected ${describe(t)}`);
    }
    return negated ? { op: '!', arg: node } : node;
  }

  end(): void {
    if (this.peek().kind !== 'eof') throw new SelectorError(`unexpected ${describe(this.peek())} after a complete expression`);
  }
}

type Predicate = (labels: Labels) => boolean;

// Semantics from libcalico-go/lib/selector/parser/ast.go: != and `not in` match when the label is
// absent; ==, in, contains, starts with, ends with need it present; global() is true wherever the
// selector is legal (its scoping is decided by the caller).
function compile(n: SelectorNode): Predicate {
  switch (n.op) {
    case 'all':
    case 'global':
      return () => true;
    case 'has':
      return (l) => Object.prototype.hasOwnProperty.call(l, n.label);
    case '==':
      return (l) => l[n.label] === n.value && Object.prototype.hasOwnProperty.call(l, n.label);
    case '!=':
      return (l) => !Object.prototype.hasOwnProperty.call(l, n.label) || l[n.label] !== n.value;
    case 'contains':
      return (l) => Object.prototype.hasOwnProperty.call(l, n.label) && l[n.label].includes(n.value);
    case 'starts with':
      return (l) => Object.prototype.hasOwnProperty.call(l, n.label) && l[n.label].startsWith(n.value);
    case 'ends with':
      return (l) => Object.prototype.hasOwnProperty.call(l, n.label) && l[n.label].endsWith(n.value);
    case 'in': {
      const set = new Set(n.values);
      return (l) => Object.prototype.hasOwnProperty.call(l, n.label) && set.has(l[n.label]);
    }
    case 'not in': {
      const set = new Set(n.values);
      return (l) => !Object.prototype.hasOwnProperty.call(l, n.label) || !set.has(l[n.label]);
    }
    case '!': {
      const arg = compile(n.arg);
      return (l) => !arg(l);
    }
    case '&&': {
      const args = n.args.map(compile);
      return (l) => args.every((a) => a(l));
    }
    case '||': {
      const args = n.args.map(compile);
      return (l) => args.some((a) => a(l));
    }
  }
}

/** Parses a Calico selector; throws SelectorError with Calico's reason when it does not parse. */
export function parseSelector(source: string): Selector {
  const tokens = tokenize(source);
  let ast: SelectorNode = { op: 'all' };
  let usesGlobal = false;
  if (tokens[0].kind !== 'eof') {
    const p = new Parser(tokens);
    ast = p.or();
    p.end();
    usesGlobal = p.usesGlobal;
  }
  const matches = compile(ast);
  return { source, ast, usesGlobal, matches };
}

const cache = new Map<string, Selector>();

/** parseSelector, memoised: policies repeat the same selectors many times. */
export function selector(source: string): Selector {
  let s = cache.get(source);
  if (!s) {
    s = parseSelector(source);
    cache.set(source, s);
  }
  return s;
}

/** The reason a selector does not parse, or undefined when it does. */
export function selectorError(source: string): string | undefined {
  try {
    parseSelector(source);
    return undefined;
  } catch (e) {
    if (e instanceof SelectorError) return e.message;
    throw e;
  }
}

/** global() is legal only as the whole of a rule's namespaceSelector (Calico validator, validateEntityRule). */
export function isExactlyGlobal(source: string): boolean {
  try {
    const tokens = tokenize(source);
    return tokens.length === 2 && tokens[0].kind === 'global';
  } catch {
    return false;
  }
}

/** A predicate for an AST (built by hand, e.g. a policy selector scoped to its namespace). */
export function compileSelector(ast: SelectorNode): (labels: Labels) => boolean {
  return compile(ast);
}

/**
 * The AST with every label key prefixed, as Calico turns a namespaceSelector `k == "v"` into
 * `pcns.k == "v"` evaluated on endpoint labels (updateprocessors/selectors.go, PrefixVisitor).
 */
export function prefixLabels(n: SelectorNode, prefix: string): SelectorNode {
  switch (n.op) {
    case 'all':
    case 'global':
      return n;
    case '!':
      return { op: '!', arg: prefixLabels(n.arg, prefix) };
    case '&&':
    case '||':
      return { op: n.op, args: n.args.map((a) => prefixLabels(a, prefix)) };
    default:
      return { ...n, label: prefix + n.label };
  }
}
