// The API server's authorized IP ranges (aks-networking:cluster apiServer.authorizedIpRanges): what
// each entry lets through. Pure.
//
// Facts (https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges):
// - at most 200 ranges (2,000 with API Server VNet Integration, which this program does not set up);
// - automation must be listed: the CI runner's public egress address, or the deploy cannot reach the
//   API server to create the in-cluster objects;
// - `0.0.0.0/32` is special: it allows only the cluster's own Standard load balancer outbound IP
//   and blocks every external client; it is not a way to switch the filter off (an empty list is).
// Documentation ranges (RFC 5737: 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24; RFC 3849:
// 2001:db8::/32) are never routed on the Internet, so they never match a client.
import { overlaps, parseCidr, type Cidr } from './cidr';
import { error, warning, type Finding } from './findings';

export const AUTHORIZED_IP_RANGES_LIMIT = 200;

const DOCUMENTATION_V4: Cidr[] = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24'].map((c) => (parseCidr(c) as { ok: true; cidr: Cidr }).cidr);

/** An IPv6 range inside 2001:db8::/32 (RFC 3849). */
export function isIPv6Documentation(text: string): boolean {
  const address = text.trim().split('/')[0].toLowerCase();
  const groups = address.split(':');
  return groups.length >= 2 && Number.parseInt(groups[0] || '0', 16) === 0x2001 && Number.parseInt(groups[1] || '0', 16) === 0xdb8;
}

/** The documentation range an entry falls in, if any. */
export function documentationRange(text: string): string | undefined {
  if (isIPv6Documentation(text)) return '2001:db8::/32 (RFC 3849)';
  const parsed = parseCidr(text);
  if (!parsed.ok) return undefined;
  const hit = DOCUMENTATION_V4.find((d) => overlaps(d, parsed.cidr));
  return hit ? `${hit.text} (RFC 5737)` : undefined;
}

const FILL_IN =
  "list the public egress address of the runner that deploys this stack (a self-hosted runner's NAT IP, or a GitHub larger runner's static range; GitHub-hosted runners use thousands of changing ranges) and your admins' networks";

export function apiServerRangeFindings(ranges: readonly string[], privateApiServer = false): Finding[] {
  const at = (f: Finding): Finding => ({ ...f, config: 'aks-networking:cluster' });
  const findings: Finding[] = [];
  if (!privateApiServer && ranges.length === 0) {
    findings.push(
      at({
        severity: 'info',
        code: 'API_SERVER_RANGE',
        path: 'apiServer',
        message: `the API server is public to every address (sign-in is Entra ID only, local accounts off). To narrow it, set apiServer.authorizedIpRanges: ${FILL_IN}`,
      }),
    );
  }
  ranges.forEach((text, i) => {
    const path = `apiServer.authorizedIpRanges[${i}]`;
    const doc = documentationRange(text);
    if (doc) {
      findings.push(
        at(
          error(
            'API_SERVER_RANGE',
            path,
            `${text} is a documentation range, ${doc}, never routed on the Internet: no client ever comes from it, so the deploy (and everyone else) is locked out of the API server. Replace it: ${FILL_IN}`,
          ),
        ),
      );
    } else if (text.trim() === '0.0.0.0/32') {
      findings.push(
        at(
          warning(
            'API_SERVER_RANGE',
            path,
            '0.0.0.0/32 allows only the cluster\'s own load balancer outbound IP and blocks every external client, the deploy runner included: the in-cluster objects cannot be deployed from outside. To switch the filter off, remove authorizedIpRanges; to allow the deploy, ' + FILL_IN,
          ),
        ),
      );
    }
  });
  if (ranges.length > AUTHORIZED_IP_RANGES_LIMIT) {
    findings.push(at(error('API_SERVER_RANGE', 'apiServer.authorizedIpRanges', `${ranges.length} authorized IP ranges; AKS accepts at most ${AUTHORIZED_IP_RANGES_LIMIT}: merge ranges into larger prefixes`)));
  }
  return findings;
}
