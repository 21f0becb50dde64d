// A synthetic cluster for the reachability benchmark: 1,000 pods in 20 namespaces (5 apps of 10 pods
// each per namespace, one or two declared ports) under 200 policies: per namespace a Kubernetes
// default deny, DNS egress, app-to-app ingress and egress with named ports, an ipBlock egress rule,
// plus Calico GlobalNetworkPolicies in a platform tier (Deny/Pass) and namespaced Calico policies.
import type { PodsInput } from '../netpol/reachInput';

export interface NetpolEstate {
  pods: PodsInput;
  policies: unknown[];
}

export function netpolEstate(namespaces = 20, appsPerNs = 5, podsPerApp = 10): NetpolEstate {
  const pods: PodsInput = { namespaces: {}, pods: [] };
  const policies: unknown[] = [];
  const np = (ns: string, name: string, spec: unknown) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec });
  for (let n = 0; n < namespaces; n++) {
    const ns = `team-${n}`;
    pods.namespaces[ns] = { team: `t${n}`, tier: n % 2 ? 'backend' : 'frontend' };
    for (let a = 0; a < appsPerNs; a++) {
      for (let p = 0; p < podsPerApp; p++) {
        const i = pods.pods.length;
        pods.pods.push({
          namespace: ns,
          name: `app${a}-${p}`,
          labels: { app: `app${a}`, role: a === 0 ? 'frontend' : 'backend' },
          ip: `10.244.${Math.floor(i / 250)}.${(i % 250) + 1}`,
          ports: a % 2 ? [{ port: 8080, protocol: 'TCP', name: 'http' }, { port: 9090, protocol: 'TCP', name: 'metrics' }] : [{ port: 8080, protocol: 'TCP', name: 'http' }],
        });
      }
    }
    // 8 Kubernetes policies per namespace (160)
    policies.push(np(ns, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }));
    policies.push(np(ns, 'allow-dns', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] }] }));
    for (let a = 1; a < appsPerNs; a++) {
      policies.push(np(ns, `app${a}-ingress`, { podSelector: { matchLabels: { app: `app${a}` } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: `app${a - 1}` } } }, { namespaceSelector: { matchLabels: { team: `t${(n + 1) % namespaces}` } }, podSelector: { matchExpressions: [{ key: 'role', operator: 'In', values: ['frontend'] }] } }], ports: [{ port: 'http' }] }] }));
    }
    policies.push(np(ns, 'egress-same-ns', { podSelector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['app4'] }] }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: {} }], ports: [{ port: 8080, endPort: 8090 }] }, { to: [{ namespaceSelector: { matchLabels: { team: `t${(n + namespaces - 1) % namespaces}` } } }] }] }));
    policies.push(np(ns, 'egress-internet', { podSelector: { matchLabels: { role: 'frontend' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '169.254.169.254/32'] } }] }] }));
    // 2 Calico namespaced policies per namespace (40)
    policies.push({ apiVersion: 'crd.projectcalico.org/v1', kind: 'NetworkPolicy', metadata: { name: 'default.metrics', namespace: ns }, spec: { order: 500, selector: 'has(app)', types: ['Ingress'], ingress: [{ action: 'Allow', protocol: 'TCP', source: { namespaceSelector: `team in {"t${n}", "t${(n + 3) % namespaces}"}`, selector: 'role == "frontend"' }, destination: { ports: ['metrics', '9000:9100'] } }] } });
    // order 900: before the Kubernetes policies (1000); Log goes on to the Allow
    policies.push({ apiVersion: 'crd.projectcalico.org/v1', kind: 'NetworkPolicy', metadata: { name: 'default.log-backend', namespace: ns }, spec: { order: 900, selector: 'role starts with "back"', types: ['Ingress'], ingress: [{ action: 'Log' }, { action: 'Allow', protocol: 'TCP', source: { selector: 'app == "app0"' }, destination: { ports: [9090] } }] } });
  }
  // the platform and security tiers: Calico global policies (replacing 3 of the slots above: 200 in all)
  policies.splice(0, 3);
  policies.push({ apiVersion: 'crd.projectcalico.org/v1', kind: 'Tier', metadata: { name: 'platform' }, spec: { order: 100, defaultAction: 'Pass' } });
  policies.push({ apiVersion: 'crd.projectcalico.org/v1', kind: 'GlobalNetworkPolicy', metadata: { name: 'platform.deny-imds' }, spec: { tier: 'platform', order: 10, selector: 'has(projectcalico.org/namespace) && projectcalico.org/namespace != "kube-system"', types: ['Egress'], egress: [{ action: 'Deny', destination: { nets: ['169.254.169.254/32'] } }, { action: 'Pass' }] } });
  policies.push({ apiVersion: 'crd.projectcalico.org/v1', kind: 'GlobalNetworkPolicy', metadata: { name: 'platform.quarantine' }, spec: { tier: 'platform', order: 20, selector: 'pcns.tier == "backend" && app == "app4"', types: ['Ingress', 'Egress'], ingress: [{ action: 'Deny', source: { namespaceSelector: 'tier == "frontend"' } }, { action: 'Pass' }], egress: [{ action: 'Pass' }] } });
  // security tier (defaultAction Deny): app1 takes traffic from frontends on to the next tier (Pass),
  // drops the rest at the end of the tier
  policies.push({ apiVersion: 'crd.projectcalico.org/v1', kind: 'Tier', metadata: { name: 'security' }, spec: { order: 200 } });
  policies.push({ apiVersion: 'crd.projectcalico.org/v1', kind: 'GlobalNetworkPolicy', metadata: { name: 'security.app1' }, spec: { tier: 'security', order: 1, selector: 'app == "app1"', types: ['Ingress'], ingress: [{ action: 'Pass', source: { selector: 'role == "frontend"' } }] } });
  return { pods, policies };
}
