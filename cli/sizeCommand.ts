// `aksnet size --plugin P --nodes N --max-pods M [--surge S] [--byo-cni C] [--format text|json]`
import { BYO_CNIS, PLUGINS, SURGE_FORMS, SURGE_PERCENT, type ByoCniType, type Plugin } from '../planner/config';
import { explainLine } from '../planner/explainHint';
import { sizeCluster, type SizeAnswer } from '../planner/size';
import { num, plural } from '../report/format';
import { InputError } from './inputError';

export interface SizeOptions {
  plugin: string;
  nodes: string;
  maxPods: string;
  surge?: string;
  byoCni?: string;
  format: 'text' | 'json';
}

function bad(flag: string, message: string): never {
  throw new InputError([{ code: 'INVALID_ARGUMENT', path: flag, message }]);
}

/**
 * The largest number each flag takes: far beyond anything AKS accepts (its limits are the plan's
 * error findings, exit 1, which say what is wrong with the numbers), yet small enough that the
 * arithmetic stays sound: 2^40 nodes are 256 times the /24s the IPv4 space holds.
 */
export const LARGEST_FLAG_VALUE = { '--nodes': 2 ** 40, '--surge': 2 ** 40, '--max-pods': 100_000 } as const;

function wholeNumber(flag: keyof typeof LARGEST_FLAG_VALUE, text: string): number {
  if (!/^\d+$/.test(text.trim())) bad(flag, `expected a whole number >= 0, got "${text}"`);
  const n = Number(text.trim());
  const largest = LARGEST_FLAG_VALUE[flag];
  if (!(n <= largest)) bad(flag, `${text.trim()} is out of range: expected a whole number from 0 to ${num(largest)}`);
  return n;
}

export function runSize(options: SizeOptions): number {
  if (!(PLUGINS as readonly string[]).includes(options.plugin)) bad('--plugin', `unknown plugin "${options.plugin}"; one of ${PLUGINS.join(', ')}`);
  const plugin = options.plugin as Plugin;
  if (options.byoCni !== undefined && !(BYO_CNIS as readonly string[]).includes(options.byoCni)) bad('--byo-cni', `one of ${BYO_CNIS.join(', ')}`);
  if (options.byoCni !== undefined && plugin !== 'none') bad('--byo-cni', 'applies with --plugin none only');
  const nodes = wholeNumber('--nodes', options.nodes);
  // a number AKS refuses (maxPods 300, 2,000 nodes) is an error finding of the plan's checks: exit 1
  const maxPods = wholeNumber('--max-pods', options.maxPods);
  let surge: number | string | undefined;
  if (options.surge !== undefined) {
    const text = options.surge.trim();
    if (SURGE_PERCENT.test(text)) surge = text;
    else if (/^\d+$/.test(text)) surge = wholeNumber('--surge', text);
    else bad('--surge', `expected ${SURGE_FORMS}, got "${options.surge}"`);
  }
  const answer = sizeCluster({ plugin, nodes, maxPods, surge, byoCni: options.byoCni as ByoCniType | undefined });
  process.stdout.write(options.format === 'json' ? `${JSON.stringify(answer, null, 2)}\n` : sizeText(answer, nodes, maxPods));
  return answer.ok ? 0 : 1;
}

function sizeText(a: SizeAnswer, nodes: number, maxPods: number): string {
  const prefix = (p: number | null) => (p === null ? 'larger than any Azure subnet' : `/${p}`);
  const lines = [
    `${a.plugin}${a.byoCni ? ` (${a.byoCni})` : ''}: ${plural(nodes, 'node')} + ${num(a.nodes - nodes)} surge = ${plural(a.nodes, 'node')}, maxPods ${maxPods}`,
    `  node subnet: ${num(a.nodeSubnet.ips)} IPs -> ${prefix(a.nodeSubnet.prefixLength)}`,
  ];
  if (a.podSubnet) lines.push(`  pod subnet:  ${num(a.podSubnet.ips)} IPs -> ${prefix(a.podSubnet.prefixLength)}`);
  if (a.podCidr) {
    const range = a.podCidr.prefixLength === null ? 'more than the IPv4 address space' : `/${a.podCidr.prefixLength}`;
    lines.push(`  pod CIDR:    ${num(a.podCidr.blocks)} x /${a.podCidr.perNodePrefixLength} -> ${range}`);
  }
  if (a.surgeCapped) {
    lines.push(`  note: --surge ${a.surgeCapped.asked} is more than the pool's ${plural(nodes, 'node')}; AKS surges at most the whole pool, so ${num(a.surgeCapped.used)} is counted`);
  }
  for (const f of a.findings) lines.push(`  ${f.severity === 'error' ? 'x' : '!'} ${f.severity} ${f.code}: ${f.message}`);
  // once per answer, as plan's report closes: the codes above, each named once
  const explain = explainLine(a.findings.map((f) => f.code));
  if (explain) lines.push('', explain);
  return lines.join('\n') + '\n';
}
