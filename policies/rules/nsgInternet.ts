// From the internet, only web traffic (80/443 by default) may be allowed in: anything else (SSH,
// RDP, the kubelet, NodePorts) must come from known networks or not at all.
import { items, str, strings } from '../resources';

const ANY_SOURCE = new Set(['*', 'internet', '0.0.0.0/0', 'any', '::/0']);

/** Ports a destination port spec opens, or undefined for "*" or a range too wide to list. */
function portsOf(spec: string): number[] | undefined {
  const s = spec.trim();
  if (s === '*') return undefined;
  const m = /^(\d+)(?:-(\d+))?$/.exec(s);
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (to - from > 1024) return undefined;
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Messages for inbound Allow rules from any source that open ports outside `allowedPorts`. */
export function nsgInternetViolations(rules: Record<string, any>[], allowedPorts: number[]): string[] {
  const out: string[] = [];
  for (const rule of rules) {
    const access = str(() => rule.access)?.toLowerCase();
    const direction = str(() => rule.direction)?.toLowerCase();
    if (access !== 'allow' || direction !== 'inbound') continue;
    const sources = [str(() => rule.sourceAddressPrefix), ...strings(() => rule.sourceAddressPrefixes)].filter((s): s is string => !!s);
    const fromInternet = sources.filter((s) => ANY_SOURCE.has(s.trim().toLowerCase()));
    if (fromInternet.length === 0) continue;
    const specs = [str(() => rule.destinationPortRange), ...strings(() => rule.destinationPortRanges)].filter((s): s is string => !!s);
    const bad = specs.filter((spec) => {
      const ports = portsOf(spec);
      return ports === undefined || ports.some((p) => !allowedPorts.includes(p));
    });
    if (specs.length === 0) bad.push('(no port: all)');
    if (bad.length > 0) {
      out.push(
        `security rule ${str(() => rule.name) ?? str(() => rule.securityRuleName) ?? '?'} allows ${bad.join(', ')} inbound from ${fromInternet.join(', ')}; ` +
          `from the internet only ports ${allowedPorts.join(', ')} may be opened. Restrict the source to known networks or remove the rule.`,
      );
    }
  }
  return out;
}

/** The rules of an NSG resource (inline securityRules) or a standalone SecurityRule. */
export function securityRulesOf(type: 'nsg' | 'securityRule', props: Record<string, any>): Record<string, any>[] {
  return type === 'nsg' ? items(() => props.securityRules) : [props];
}
