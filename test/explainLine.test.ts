// Every text and Markdown report that shows finding codes ends with one line naming `aksnet explain`
// and the codes in it, once per report (not once per finding line).
import { expect } from 'chai';
import { refusalMessage, type StackFinding } from '../design/stackFindings';
import { explainLine, explainLineMarkdown } from '../planner/explainHint';
import { planFromConfig } from '../planner/plan';
import type { Plan } from '../planner/types';
import { diffPlans } from '../report/diff';
import { readPlanDocument } from '../report/diffInput';
import { diffMarkdown, diffText } from '../report/diffRender';
import { planToJson } from '../report/json';
import { renderMarkdown } from '../report/markdown';
import { renderText } from '../report/text';
import { aksnetInProcess } from './cliHarness';

/**
 * Classic Azure CNI, two pools in one /24 (251 usable = 256 - 5): system 3 nodes + 1 surge and apps
 * `maxCount` + 1 surge, each node taking 1 + 30 addresses. At maxCount 10: (4 + 11) x 31 = 465 > 251,
 * SUBNET_EXHAUSTED; at maxCount 2: (4 + 3) x 31 = 217 of 251, 86% used, LOW_HEADROOM (under 20% left).
 */
function plan(maxCount: number): Plan {
  const result = planFromConfig({
    addressSpace: ['10.1.0.0/16'],
    plugin: 'azure-cni',
    subnets: [{ name: 'nodes', cidr: '10.1.0.0/24' }],
    nodePools: [
      { name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', count: 3, maxPods: 30, subnet: 'nodes' },
      { name: 'apps', mode: 'User', vmSize: 'Standard_D4s_v5', minCount: 1, maxCount, maxPods: 30, subnet: 'nodes' },
    ],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.plan;
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('the explain line of a report', () => {
  it('names each code once, in the order first met; nothing without codes', () => {
    expect(explainLine(['SUBNET_EXHAUSTED', 'LOW_HEADROOM', 'SUBNET_EXHAUSTED'])).to.equal('Explain a code: aksnet explain CODE (codes here: SUBNET_EXHAUSTED, LOW_HEADROOM)');
    expect(explainLineMarkdown(['CIDR_OVERLAP'])).to.equal('Explain a code: `aksnet explain CODE` (codes here: `CIDR_OVERLAP`)');
    expect(explainLine([])).to.equal(undefined);
  });

  it('closes the plan text and Markdown once, with the codes of every stack', () => {
    const exhausted = plan(10);
    const tight = plan(2);
    expect(exhausted.findings.map((f) => f.code)).to.include('SUBNET_EXHAUSTED');
    expect(tight.findings.map((f) => f.code)).to.deep.equal(['LOW_HEADROOM']);
    const report = { stacks: [{ stack: 'a', file: 'a.yaml', plan: exhausted }, { stack: 'b', file: 'b.yaml', plan: tight }], crossStackFindings: [] };
    const text = renderText(report);
    expect(count(text, 'aksnet explain')).to.equal(1);
    const codes = [...new Set([...exhausted.findings, ...tight.findings].map((f) => f.code))];
    // the line sits right above the verdict
    expect(text).to.match(new RegExp(`\\nExplain a code: aksnet explain CODE \\(codes here: [A-Z_, ]+\\)\\n\\nFAILED: `));
    for (const c of codes) expect(text.split('\n').find((l) => l.startsWith('Explain a code'))).to.include(c);
    const md = renderMarkdown(report);
    expect(count(md, 'aksnet explain')).to.equal(1);
    expect(md.trimEnd().split('\n').pop()).to.match(/^Explain a code: `aksnet explain CODE` \(codes here: `/);
  });

  it('is absent from a plan without findings', () => {
    const clean = planFromConfig({
      addressSpace: ['10.1.0.0/16'],
      plugin: 'azure-cni-overlay',
      subnets: [{ name: 'nodes', cidr: '10.1.0.0/24' }],
      nodePools: [{ name: 'system', mode: 'System', vmSize: 'Standard_D4s_v5', count: 3, maxPods: 30, subnet: 'nodes' }],
    });
    if (!clean.ok) throw new Error('config');
    expect(clean.plan.findings).to.deep.equal([]);
    expect(renderText({ stacks: [{ stack: 'a', file: 'a.yaml', plan: clean.plan }], crossStackFindings: [] })).not.to.include('aksnet explain');
  });

  it('closes the size answer once, naming its codes; nothing when it fits', async () => {
    // maxPods 9 is under the AKS minimum of 10 (MAX_PODS_OUT_OF_RANGE); 1,000 nodes + 1 surge is over
    // the 1,000 nodes a pool holds (NODE_LIMIT); 10 nodes of 30 pods fit
    const refused = await aksnetInProcess(['size', '--plugin', 'azure-cni-overlay', '--nodes', '1000', '--max-pods', '9']);
    expect(refused.status).to.equal(1);
    expect(count(refused.stdout, 'aksnet explain')).to.equal(1);
    expect(refused.stdout.trimEnd().split('\n').pop()).to.equal('Explain a code: aksnet explain CODE (codes here: MAX_PODS_OUT_OF_RANGE, NODE_LIMIT)');
    const fits = await aksnetInProcess(['size', '--plugin', 'azure-cni-overlay', '--nodes', '10', '--max-pods', '30']);
    expect(fits.status).to.equal(0);
    expect(fits.stdout).not.to.include('aksnet explain');
  });

  it('closes the diff text and Markdown once, naming the new and resolved codes', () => {
    const doc = (p: Plan) => {
      const read = readPlanDocument(JSON.parse(JSON.stringify(planToJson(p))), 'prod');
      if (!read.ok) throw new Error(JSON.stringify(read.problems));
      return read.document;
    };
    const diff = diffPlans(doc(plan(2)), doc(plan(10)));
    const text = diffText(diff);
    expect(count(text, 'aksnet explain')).to.equal(1);
    expect(text).to.match(/\nExplain a code: aksnet explain CODE \(codes here: [^)]*SUBNET_EXHAUSTED[^)]*\)\nFAILED: /);
    expect(text).to.include('LOW_HEADROOM');
    expect(count(diffMarkdown(diff), '`aksnet explain CODE`')).to.equal(1);
  });

  it("ends the program's refusal message (pulumi preview) with the codes of its errors", () => {
    const findings: StackFinding[] = [
      { severity: 'error', code: 'SUBNET_EXHAUSTED', config: 'aks-networking:network', path: 'subnets[0]', message: 'm1' },
      { severity: 'warning', code: 'LOW_HEADROOM', config: 'aks-networking:network', path: 'subnets[1]', message: 'm2' },
      { severity: 'error', code: 'CIDR_OVERLAP', config: 'aks-networking:network', path: 'serviceCidr', message: 'm3' },
    ];
    expect(refusalMessage('dev', findings)).to.equal(
      [
        'stack "dev": the config has 2 errors; nothing was deployed',
        '  error SUBNET_EXHAUSTED aks-networking:network.subnets[0]: m1',
        '  error CIDR_OVERLAP aks-networking:network.serviceCidr: m3',
        'Explain a code: aksnet explain CODE (codes here: SUBNET_EXHAUSTED, CIDR_OVERLAP)',
      ].join('\n'),
    );
  });
});
