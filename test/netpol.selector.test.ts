// Calico selector parser. Cases from Calico's selector reference
// (https://docs.tigera.io/calico/latest/reference/resources/networkpolicy#selectors) and the
// tokenizer rules of libcalico-go/lib/selector (only space and tab separate tokens; strings in either
// quote style; `!=` and `not in` match endpoints without the label).
import { expect } from 'chai';
import { isExactlyGlobal, parseSelector, selectorError } from '../netpol/selector';

const labels = { app: 'web', tier: 'frontend-blue', 'projectcalico.org/namespace': 'shop' };
const matches = (s: string, l: Record<string, string> = labels) => parseSelector(s).matches(l);

describe('Calico selectors: the documented operators', () => {
  // one row per row of Calico's selector table: expression, labels, expected
  const table: [string, boolean][] = [
    ['all()', true],
    ['', true], // an empty selector is all()
    ["app == 'web'", true],
    ['app == "web"', true],
    ['app == "db"', false],
    ['app != "db"', true],
    ['missing != "x"', true], // != matches when the label is absent
    ['has(app)', true],
    ['has(missing)', false],
    ['!has(missing)', true],
    ['app in { "db", "web" }', true],
    ["app in {'db'}", false],
    ['missing in {"x"}', false],
    ['app not in {"db"}', true],
    ['missing not in {"x"}', true], // not in matches when the label is absent
    ['app not in {"web"}', false],
    ['tier contains "blue"', true],
    ['tier contains "red"', false],
    ['tier starts with "front"', true],
    ['tier starts with "back"', false],
    ['tier ends with "-blue"', true],
    ['missing contains ""', false], // contains, starts with, ends with need the label
    ['app == "db" || app == "web"', true],
    ['app == "web" && has(missing)', false],
    ['(app == "db" || app == "web") && !(tier == "x")', true],
    ['!!has(app)', true],
    ['has( app )', true],
    ['projectcalico.org/namespace == "shop"', true],
    ['app=="web"&&has(tier)', true], // no spaces needed around operators
  ];
  for (const [sel, want] of table) it(`${JSON.stringify(sel)} -> ${want}`, () => expect(matches(sel)).to.equal(want));

  it('binds && tighter than ||', () => {
    // a || b && c == a || (b && c): true with a true, c false
    expect(matches('has(app) || has(x) && has(y)')).to.equal(true);
    expect(matches('(has(app) || has(x)) && has(y)')).to.equal(false);
  });

  it('reads "startswith" as "starts with", as Calico\'s tokenizer does (cutMultiWordPrefixCheckBreak trims between words, needs none)', () => {
    expect(matches('tier startswith "front"')).to.equal(true);
  });

  it('tabs separate tokens like spaces (folded YAML gives spaces)', () => {
    expect(matches('app\t==\t"web"')).to.equal(true);
  });
});

describe('Calico selectors: what does not parse', () => {
  const bad: [string, RegExp][] = [
    ['app = "web"', /expected ==/],
    ['app == web', /quoted string/],
    ['app == "web" &&', /unexpected end/],
    ['app == "web" & has(x)', /expected &&/],
    ['has(app', /closing/],
    ['all(', /closing/],
    ['app in {"a" "b"}', /expected }/],
    ['app in ("a")', /set literal/],
    ['app == "web\'', /unterminated/],
    ['app\n== "web"', /newline/], // a YAML literal block | keeps the newline: Calico refuses it
    ['app == "web" has(x)', /after a complete expression/],
    ['(app == "web"', /expected \)/],
    ['app begins with "x"', /operator/],
    ['app', /operator|end/],
  ];
  for (const [sel, why] of bad) it(`refuses ${JSON.stringify(sel)}`, () => expect(selectorError(sel)).to.match(why));

  it('accepts every selector of the shared Calico examples (multi-line folded >- blocks become spaces)', () => {
    expect(selectorError('has(projectcalico.org/namespace) && projectcalico.org/namespace not in {"kube-system", "kube-public"}')).to.equal(undefined);
    expect(selectorError('app.kubernetes.io/name == "ingress-nginx" && app.kubernetes.io/component == "controller"')).to.equal(undefined);
  });
});

describe('Calico selectors: global()', () => {
  it('is exactly global() with optional spaces, nothing combined with it (validator.go validateEntityRule)', () => {
    expect(isExactlyGlobal('global()')).to.equal(true);
    expect(isExactlyGlobal('  global( )  ')).to.equal(true);
    expect(isExactlyGlobal('global() && has(x)')).to.equal(false);
    expect(isExactlyGlobal('!global()')).to.equal(false);
    expect(isExactlyGlobal('(global())')).to.equal(false);
    expect(parseSelector('global() && has(x)').usesGlobal).to.equal(true);
    expect(parseSelector('has(global)').usesGlobal).to.equal(false);
  });
});
