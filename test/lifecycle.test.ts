// Dated lifecycle findings (planner/lifecycle.ts) and API server ranges (planner/apiServerRanges.ts).
// Dates from the AKS release calendar, https://learn.microsoft.com/azure/aks/supported-kubernetes-versions
// (a month means its last day) and https://learn.microsoft.com/azure/aks/long-term-support (LTS needs
// tier premium + supportPlan AKSLongTermSupport); ingress dates from https://learn.microsoft.com/azure/aks/app-routing
// and https://kubernetes.io/blog/2025/11/11/ingress-nginx-retirement/; ranges from RFC 5737, RFC 3849 and
// https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges (at most 200; 0.0.0.0/32).
import { expect } from 'chai';
import { apiServerRangeFindings } from '../planner/apiServerRanges';
import { CONTROLLER_ENDS } from '../design/ingress/lifecycle';
import { COMPONENTS, daysFrom, fullySupportedMinors, KUBERNETES_VERSIONS, lifecycleFindings } from '../planner/lifecycle';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const TODAY = day('2026-12-04');
const codes = (fs: { code: string; severity: string }[]) => fs.map((f) => `${f.severity} ${f.code}`);
const k8s = (version: string, tier = 'standard', today = TODAY) => lifecycleFindings({ kubernetesVersion: version, tier, plugin: 'azure-cni-overlay', today });

describe('lifecycle: one dated table, each row with a public source', () => {
  it('every row names an https source; Kubernetes rows are ordered GA < community end < LTS end', () => {
    for (const row of [...KUBERNETES_VERSIONS, ...COMPONENTS]) expect(row.source).to.match(/^https:\/\//);
    for (const v of KUBERNETES_VERSIONS) {
      expect(Date.parse(v.ga)).to.be.lessThan(Date.parse(v.communityEnd));
      expect(Date.parse(v.communityEnd)).to.be.lessThan(Date.parse(v.ltsEnd));
    }
  });

  it('on 2026-12-04: 1.35 and 1.36 are fully supported (1.37 GA was only planned; 1.34 community ended 2026-11-30)', () => {
    expect(fullySupportedMinors(TODAY)).to.deep.equal(['1.35', '1.36']);
  });

  describe('Kubernetes versions on 2026-12-04', () => {
    it('1.31 (LTS ended 2026-11-30) and 1.29 (older than every row): AKS will not create them: error', () => {
      expect(codes(k8s('1.31', 'premium'))).to.deep.equal(['error KUBERNETES_VERSION_UNSUPPORTED']);
      expect(k8s('1.31', 'premium')[0].message).to.contain('2026-11-30');
      expect(codes(k8s('1.29'))).to.deep.equal(['error KUBERNETES_VERSION_UNSUPPORTED']);
    });
    it('1.33 (community ended 2026-07-31, LTS to 2027-07-31): error without tier premium; fine with it', () => {
      const [f] = k8s('1.33');
      expect(`${f.severity} ${f.code}`).to.equal('error KUBERNETES_VERSION_LTS_ONLY');
      expect(f.message).to.contain('2026-07-31').and.contain('2027-07-31').and.contain('tier premium').and.contain('1.35 or 1.36');
      expect(k8s('1.33', 'premium')).to.deep.equal([]);
      // a patch version is its minor
      expect(codes(k8s('1.33.2'))).to.deep.equal(['error KUBERNETES_VERSION_LTS_ONLY']);
    });
    it('1.35 and 1.36 are clean; 1.37 (GA only planned) is a warning', () => {
      expect(k8s('1.35')).to.deep.equal([]);
      expect(k8s('1.36')).to.deep.equal([]);
      expect(codes(k8s('1.37'))).to.deep.equal(['warning KUBERNETES_VERSION_UNKNOWN']);
    });
  });

  describe('90-day warnings name the date and the next step', () => {
    it('1.35 community support ends 2027-03-31: no warning 91 days before (2026-12-30), a warning 90 days before (2026-12-31)', () => {
      // 2026-12-31 -> 2027-03-31: 31 (Jan) + 28 (Feb) + 31 (Mar) = 90 days
      expect(daysFrom(day('2026-12-31'), '2027-03-31')).to.equal(90);
      expect(k8s('1.35', 'standard', day('2026-12-30'))).to.deep.equal([]);
      const [f] = k8s('1.35', 'standard', day('2026-12-31'));
      expect(`${f.severity} ${f.code}`).to.equal('warning LIFECYCLE_ENDING');
      expect(f.message).to.contain('2027-03-31').and.contain('in 90 days').and.contain('set kubernetesVersion to 1.36');
    });
    it('under LTS (premium) the warning comes before the end of LTS: 1.33 on 2027-05-02 (90 days before 2027-07-31)', () => {
      // 2027-05-02 -> 2027-07-31: 29 + 30 + 31 = 90
      expect(codes(k8s('1.33', 'premium', day('2027-05-02')))).to.deep.equal(['warning LIFECYCLE_ENDING']);
      expect(k8s('1.33', 'premium', day('2027-05-01'))).to.deep.equal([]);
    });
  });

  describe('components', () => {
    it('app-routing and ingress-nginx: the ingress design reports them (INGRESS_*_RETIRED) with the dates of this table', () => {
      expect(lifecycleFindings({ plugin: 'azure-cni-overlay', ingressController: 'app-routing', today: TODAY, stack: 'dev' })).to.deep.equal([]);
      expect(CONTROLLER_ENDS['app-routing']).to.include({ date: '2026-11-30', source: 'https://learn.microsoft.com/azure/aks/app-routing' });
      expect(CONTROLLER_ENDS.nginx).to.include({ date: '2026-03-31' });
    });
    it('kubenet after 31 March 2028 is an error (before it, the planner warns with KUBENET_RETIREMENT); AGIC gets the advice to move', () => {
      expect(codes(lifecycleFindings({ plugin: 'kubenet', today: day('2028-04-01') }))).to.deep.equal(['error LIFECYCLE_ENDED']);
      expect(lifecycleFindings({ plugin: 'kubenet', today: day('2028-03-31') })).to.deep.equal([]);
      expect(codes(lifecycleFindings({ plugin: 'azure-cni', ingressController: 'agic', today: TODAY }))).to.deep.equal(['info LIFECYCLE_ADVICE']);
    });
  });
});

describe('API server authorized IP ranges', () => {
  it('documentation ranges (RFC 5737, RFC 3849) are errors that say they are never routed and what to list instead', () => {
    for (const range of ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '203.0.113.8/29', '2001:db8::/32', '2001:DB8:1::/48']) {
      const [f] = apiServerRangeFindings([range]);
      expect([f.severity, f.code, f.config, f.path], range).to.deep.equal(['error', 'API_SERVER_RANGE', 'aks-networking:cluster', 'apiServer.authorizedIpRanges[0]']);
      expect(f.message).to.contain('never routed').and.contain('egress address of the runner');
    }
    // the neighbours of the documentation blocks are real addresses
    expect(apiServerRangeFindings(['203.0.114.0/24', '198.51.99.0/24', '20.50.0.0/16'])).to.deep.equal([]);
  });
  it('0.0.0.0/32 is explained: only the cluster\'s own outbound IP, every external client (the deploy too) blocked', () => {
    const [f] = apiServerRangeFindings(['0.0.0.0/32']);
    expect([f.severity, f.code]).to.deep.equal(['warning', 'API_SERVER_RANGE']);
    expect(f.message).to.contain('outbound IP').and.contain('remove authorizedIpRanges');
  });
  it('AKS takes at most 200 ranges: 200 pass, 201 is an error', () => {
    const ranges = (n: number) => Array.from({ length: n }, (_, i) => `20.${Math.floor(i / 256)}.${i % 256}.0/24`);
    expect(apiServerRangeFindings(ranges(200))).to.deep.equal([]);
    expect(codes(apiServerRangeFindings(ranges(201)))).to.deep.equal(['error API_SERVER_RANGE']);
    expect(apiServerRangeFindings(ranges(201))[0].message).to.contain('201').and.contain('200');
  });
  it('a public API server with no ranges is noted (info), with what to fill in to narrow it', () => {
    expect(codes(apiServerRangeFindings([]))).to.deep.equal(['info API_SERVER_RANGE']);
    expect(apiServerRangeFindings([], true)).to.deep.equal([]);
  });
});
