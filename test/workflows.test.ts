// The GitHub workflows (.github/workflows/): valid against the workflow schema, and doing what the
// README's "CI and deployment" promises: who may write what, which identity runs where, and in
// which order. GitHub's rules are cited from docs.github.com.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'chai';
import { load } from 'js-yaml';
import { spawnSync } from 'node:child_process';
import { ROOT } from './componentsHelpers';

const { validateWorkflow } = require('@action-validator/core') as { validateWorkflow(text: string): { errors: unknown[] } };

const DIR = path.join(ROOT, '.github', 'workflows');

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  'continue-on-error'?: boolean;
}
interface Job {
  name?: string;
  needs?: string | string[];
  if?: string;
  'runs-on'?: unknown;
  uses?: string;
  with?: Record<string, unknown>;
  secrets?: unknown;
  environment?: unknown;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  permissions?: Record<string, string> | string;
  strategy?: { matrix: { include?: Record<string, string>[]; stack?: string[] }; 'fail-fast'?: boolean };
  env?: Record<string, string>;
  steps?: Step[];
}
interface Workflow {
  on: Record<string, any>;
  permissions?: unknown;
  jobs: Record<string, Job>;
}

const text = (file: string) => fs.readFileSync(path.join(DIR, file), 'utf8');
const parse = (file: string) => load(text(file)) as Workflow;
const FILES = ['pr.yml', 'deploy.yml', 'pulumi-up.yml', 'usage.yml'];

const pr = parse('pr.yml');
const deploy = parse('deploy.yml');
const up = parse('pulumi-up.yml');
const usage = parse('usage.yml');

const needsOf = (job: Job) => (job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs]);
const stepIndex = (job: Job, match: (s: Step) => boolean) => job.steps!.findIndex(match);
const step = (job: Job, match: (s: Step) => boolean) => {
  const found = job.steps!.find(match);
  if (!found) throw new Error('step not found');
  return found;
};
const usesAction = (action: string) => (s: Step) => s.uses?.split('@')[0] === action;
const runs = (fragment: string) => (s: Step) => s.run?.includes(fragment) ?? false;
const FORK_CONDITION = 'github.event.pull_request.head.repo.full_name == github.repository';
const stacks = fs
  .readdirSync(ROOT)
  .filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f))
  .map((f) => f.split('.')[1])
  .sort();

describe('GitHub workflows (.github/workflows/)', () => {
  describe('schema', () => {
    for (const file of FILES) {
      it(`${file} validates against the GitHub workflow schema`, () => {
        expect(validateWorkflow(text(file)).errors).to.deep.equal([]);
      });
    }
    it('the validator refuses a malformed workflow (so the checks above can fail)', () => {
      expect(validateWorkflow('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n').errors).to.not.deep.equal([]);
    });
  });

  describe('triggers and jobs', () => {
    it('pull requests to main run the PR workflow; pushes to main (or a manual run) deploy; pulumi-up is only called', () => {
      expect(pr.on).to.have.keys('pull_request');
      expect(pr.on.pull_request.branches).to.deep.equal(['main']);
      expect(deploy.on).to.have.keys('push', 'workflow_dispatch');
      expect(deploy.on.push.branches).to.deep.equal(['main']);
      expect(up.on).to.have.keys('workflow_call');
      expect(up.on.workflow_call.inputs).to.include.keys('stack', 'environment', 'runner');
    });
    it('PR: plan, then a preview per stack after it; deploy: verify, then dev, then prod', () => {
      expect(Object.keys(pr.jobs)).to.have.members(['plan', 'preview']);
      expect(needsOf(pr.jobs.preview)).to.deep.equal(['plan']);
      expect(Object.keys(deploy.jobs)).to.have.members(['verify', 'dev', 'prod']);
      expect(needsOf(deploy.jobs.dev)).to.deep.equal(['verify']);
      expect(needsOf(deploy.jobs.prod)).to.deep.equal(['dev']);
    });
    it('every bundled stack is previewed', () => {
      expect([...pr.jobs.preview.strategy!.matrix.stack!].sort()).to.deep.equal(stacks);
    });
  });

  describe('permissions: least privilege', () => {
    // https://docs.github.com/actions/using-jobs/assigning-permissions-to-jobs: a workflow without
    // `permissions` gets the repository default (often write to everything)
    it('every workflow grants nothing by default and every job names its own permissions; none is write-all or read-all', () => {
      for (const [file, wf] of [['pr.yml', pr], ['deploy.yml', deploy], ['pulumi-up.yml', up]] as const) {
        expect(wf.permissions, file).to.deep.equal({});
        for (const [name, job] of Object.entries(wf.jobs)) {
          expect(job.permissions, `${file} ${name}`).to.be.an('object');
          expect(Object.values(job.permissions as object), `${file} ${name}`).to.not.include.members(['write-all', 'read-all']);
        }
      }
      expect(text('pr.yml') + text('deploy.yml') + text('pulumi-up.yml')).to.not.match(/write-all|read-all/);
    });
    it('id-token: write only where an Azure OIDC login happens (directly, or in the called pulumi-up)', () => {
      const logsIn = (job: Job) => (job.steps ?? []).some(usesAction('azure/login')) || job.uses === './.github/workflows/pulumi-up.yml';
      for (const wf of [pr, deploy, up]) {
        for (const [name, job] of Object.entries(wf.jobs)) {
          const perms = job.permissions as Record<string, string>;
          expect(perms['id-token'] === 'write', name).to.equal(logsIn(job));
        }
      }
    });
    it('only the PR plan job may write to pull requests (its sticky comment); contents are read-only everywhere', () => {
      for (const wf of [pr, deploy, up]) {
        for (const [name, job] of Object.entries(wf.jobs)) {
          const perms = job.permissions as Record<string, string>;
          expect(perms['pull-requests'] === 'write', name).to.equal(wf === pr && name === 'plan');
          expect(perms.contents, name).to.equal('read');
          const writes = Object.entries(perms).filter(([, level]) => level === 'write').map(([scope]) => scope);
          expect(writes, name).to.satisfy((w: string[]) => w.every((scope) => scope === 'id-token' || scope === 'pull-requests'));
        }
      }
    });
  });

  describe('PR: tests, synth, plan and diff against base, one sticky comment, fail after it', () => {
    const job = pr.jobs.plan;
    it('runs for every PR, forks included, and needs no secret', () => {
      expect(job.if).to.equal(undefined);
      expect(JSON.stringify(job)).to.not.contain('secrets.');
    });
    it('checks out the base branch into a second path and plans both as JSON with --out', () => {
      const base = step(job, (s) => usesAction('actions/checkout')(s) && (s.with?.path as string) === 'base');
      expect(base.with!.ref).to.equal('${{ github.event.pull_request.base.sha }}');
      expect(step(job, runs('plan --format json --out ../reports/head-plan.json')).run).to.contain('set +e');
      // the base is planned by its own code (what is deployed), in its own checkout
      const basePlan = step(job, (s) => s.id === 'base') as Step & { 'working-directory'?: string };
      expect(basePlan['working-directory']).to.equal('base');
      expect(basePlan.run).to.contain('npm ci').and.contain('node bin/aksnet.js plan --format json --out ../reports/base-plan.json');
      expect(step(job, runs('aksnet.js diff')).if).to.equal("steps.base.outputs.status == '0' || steps.base.outputs.status == '1'");
    });
    it('runs npm ci, npm test and aksnet synth', () => {
      expect(stepIndex(job, (s) => s.run === 'npm ci')).to.be.lessThan(stepIndex(job, (s) => s.run === 'npm test'));
      expect(step(job, runs('synth --stack')).run).to.contain('bin/aksnet.js synth');
    });
    it('diffs base against head in Markdown (aksnet diff BASE HEAD --format markdown)', () => {
      expect(step(job, runs("aksnet.js diff")).run).to.match(/diff \.\.\/reports\/base-plan\.json \.\.\/reports\/head-plan\.json --format markdown --out \.\.\/reports\/diff\.md/);
    });
    it('posts one comment, found again by its marker and updated in place, before the failing step', () => {
      const commentAt = stepIndex(job, usesAction('actions/github-script'));
      const failAt = stepIndex(job, (s) => /^Fail/.test(s.name ?? ''));
      expect(commentAt).to.be.greaterThan(stepIndex(job, runs('aksnet.js diff')));
      expect(commentAt).to.be.lessThan(failAt);
      const script = job.steps![commentAt].with!.script as string;
      expect(script).to.contain('<!-- aksnet-pr-report -->').and.contain('updateComment').and.contain('createComment');
      expect(step(job, runs('> ../reports/comment.md')).run).to.contain('<!-- aksnet-pr-report -->');
      // the plan records its exit status instead of failing the job before the comment
      expect(step(job, runs('plan --format json')).run).to.contain('set +e');
      expect(job.steps![failAt].run).to.contain('HEAD_STATUS').and.contain('exit $status');
      expect(job.steps![failAt].if).to.contain('!cancelled()');
    });
    it('a fork cannot comment: the comment step is skipped there, the report goes to the job summary and an artifact', () => {
      expect(step(job, usesAction('actions/github-script')).if).to.contain(FORK_CONDITION);
      expect(step(job, runs('GITHUB_STEP_SUMMARY')).run).to.contain('comment.md');
      expect(step(job, usesAction('actions/upload-artifact')).with!.path).to.equal('reports/');
    });
  });

  describe('identities', () => {
    const login = (job: Job) => step(job, usesAction('azure/login')).with!;
    it('the preview logs in as the previewer, with no environment (OIDC subject repo:OWNER/REPO:pull_request)', () => {
      // https://docs.github.com/actions/deployment/security-hardening-your-deployments/about-security-hardening-with-openid-connect
      // a job with an environment gets the subject ...:environment:NAME instead
      const preview = pr.jobs.preview;
      expect(preview.environment).to.equal(undefined);
      expect(login(preview)['client-id']).to.equal('${{ vars.AZURE_PREVIEW_CLIENT_ID }}');
      expect(preview.env!.ARM_CLIENT_ID).to.equal('${{ vars.AZURE_PREVIEW_CLIENT_ID }}');
    });
    it('the deploy logs in as the deployer, a different identity; neither workflow names the other\'s', () => {
      const job = up.jobs.up;
      expect(login(job)['client-id']).to.equal('${{ vars.AZURE_DEPLOY_CLIENT_ID }}');
      expect(job.env!.ARM_CLIENT_ID).to.equal('${{ vars.AZURE_DEPLOY_CLIENT_ID }}');
      expect(login(job)['client-id']).to.not.equal(login(pr.jobs.preview)['client-id']);
      expect(text('pr.yml')).to.not.contain('AZURE_DEPLOY_CLIENT_ID');
      expect(text('pulumi-up.yml') + text('deploy.yml')).to.not.contain('AZURE_PREVIEW_CLIENT_ID');
    });
    it('forks get no preview (no OIDC token): the preview job is conditioned on the PR coming from this repository, and on Pulumi Cloud', () => {
      expect(pr.jobs.preview.if).to.equal(`${FORK_CONDITION} && vars.PULUMI_BACKEND_URL == ''`);
    });
  });

  describe('Pulumi steps', () => {
    const pulumiStep = (job: Job) => step(job, usesAction('pulumi/actions'));
    it('preview per stack and up per environment, both with the policy pack and its config', () => {
      const preview = pulumiStep(pr.jobs.preview).with!;
      expect(preview.command).to.equal('preview');
      expect(preview['stack-name']).to.equal('${{ matrix.stack }}');
      const upStep = pulumiStep(up.jobs.up).with!;
      expect(upStep.command).to.equal('up');
      expect(upStep['stack-name']).to.equal('${{ inputs.stack }}');
      for (const w of [preview, upStep]) {
        expect(w.policyPacks).to.equal('policies');
        expect(w.policyPackConfigs).to.equal('policies/policy-config.json');
        expect(fs.existsSync(path.join(ROOT, w.policyPackConfigs as string))).to.equal(true);
      }
    });
    it('the Pulumi CLI version is the repo\'s .pulumi-version, a pinned version no older than Pulumi.yaml requires', () => {
      for (const job of [pr.jobs.preview, up.jobs.up]) expect(pulumiStep(job).with!['pulumi-version-file']).to.equal('.pulumi-version');
      const pinned = fs.readFileSync(path.join(ROOT, '.pulumi-version'), 'utf8').trim();
      expect(pinned).to.match(/^\d+\.\d+\.\d+$/);
      const project = load(fs.readFileSync(path.join(ROOT, 'Pulumi.yaml'), 'utf8')) as { requiredPulumiVersion?: string };
      if (project.requiredPulumiVersion) expect(project.requiredPulumiVersion).to.equal(`>=${pinned}`);
    });
  });

  describe('deploy', () => {
    it('dev and prod call pulumi-up with their stack and GitHub environment; prod is the `prod` environment', () => {
      for (const env of ['dev', 'prod']) {
        const job = deploy.jobs[env];
        expect(job.uses).to.equal('./.github/workflows/pulumi-up.yml');
        expect(job.with).to.include({ stack: env, environment: env });
      }
      expect(up.jobs.up.environment).to.equal('${{ inputs.environment }}');
    });
    it('one run per stack at a time, never cancelling one in progress', () => {
      // https://docs.github.com/actions/using-jobs/using-concurrency
      expect(up.jobs.up.concurrency).to.deep.equal({ group: 'pulumi-stack-${{ inputs.stack }}', 'cancel-in-progress': false });
    });
    it('each environment can run on its own runner (prod: one that reaches the private API server); PR previews never run on them', () => {
      expect(up.jobs.up['runs-on']).to.equal('${{ fromJSON(inputs.runner) }}');
      expect(deploy.jobs.prod.with!.runner).to.equal(`\${{ vars.PROD_RUNNER || '"ubuntu-latest"' }}`);
      expect(deploy.jobs.dev.with!.runner).to.equal(`\${{ vars.DEV_RUNNER || '"ubuntu-latest"' }}`);
      // PR code (editable by anyone who can push a branch) stays on GitHub-hosted runners
      expect(pr.jobs.preview['runs-on']).to.equal('ubuntu-latest');
      expect(text('pr.yml')).to.not.match(/DEV_RUNNER|PROD_RUNNER|self-hosted/);
      // the fallback is JSON, as fromJSON needs: a quoted label
      const fallback = /\|\| '(.*)' \}\}$/.exec(deploy.jobs.prod.with!.runner as string)![1];
      expect(JSON.parse(fallback)).to.equal('ubuntu-latest');
      expect(JSON.parse(up.on.workflow_call.inputs.runner.default)).to.equal('ubuntu-latest');
    });
    it('a private stack without an in-VNet runner stops the deploy before anything: in verify (every stack) and in pulumi-up before `pulumi up`', () => {
      const check = step(deploy.jobs.verify, runs('scripts/check-deploy-runners.js'));
      expect(check.env).to.deep.equal({ DEV_RUNNER: '${{ vars.DEV_RUNNER }}', PROD_RUNNER: '${{ vars.PROD_RUNNER }}' });
      // unconditional, and verify is what dev (and so prod) needs
      expect(check.if).to.equal(undefined);
      expect(check['continue-on-error']).to.equal(undefined);
      expect(needsOf(deploy.jobs.dev)).to.include('verify');
      const job = up.jobs.up;
      const guard = stepIndex(job, runs('scripts/check-deploy-runners.js "$STACK" --runner "$RUNNER"'));
      expect(guard).to.be.greaterThan(stepIndex(job, (s) => s.run === 'npm ci'));
      expect(guard).to.be.lessThan(stepIndex(job, usesAction('azure/login')));
      expect(guard).to.be.lessThan(stepIndex(job, usesAction('pulumi/actions')));
      expect(job.steps![guard].env).to.deep.equal({ STACK: '${{ inputs.stack }}', RUNNER: '${{ inputs.runner }}' });
      expect(job.steps![guard].if).to.equal(undefined);
    });
    it('the runner check: prod (private) with PROD_RUNNER unset or GitHub-hosted fails; a self-hosted runner passes; dev (public) needs none', () => {
      const script = path.join(ROOT, 'scripts', 'check-deploy-runners.js');
      const run = (args: string[], env: Record<string, string>) => spawnSync(process.execPath, [script, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
      const unset = run([], {});
      expect(unset.status).to.equal(1);
      expect(unset.stdout).to.contain('::error::stack prod has a private API server and PROD_RUNNER is not set');
      expect(run([], { PROD_RUNNER: '"ubuntu-latest"' }).status).to.equal(1);
      expect(run([], { PROD_RUNNER: '["self-hosted", "aks-prod"]' }).status).to.equal(0);
      expect(run(['prod', '--runner', '"ubuntu-latest"'], {}).status).to.equal(1);
      expect(run(['prod', '--runner', '["self-hosted", "aks-prod"]'], {}).status).to.equal(0);
      expect(run(['dev', '--runner', '"ubuntu-latest"'], {}).status).to.equal(0);
    });
    it('tests and the address plan run before anything is deployed', () => {
      const verify = deploy.jobs.verify;
      expect(verify.steps!.some((s) => s.run === 'npm test')).to.equal(true);
      expect(verify.steps!.some(runs('aksnet -- plan'))).to.equal(true);
    });
  });

  describe('secrets, identities and environments: no pull request reaches a cluster or a stack\'s secrets', () => {
    /** every `secrets.NAME` a job can read, by workflow and job (`secrets: inherit` passes the caller's) */
    const secretsRead = (job: Job) => [...JSON.stringify(job).matchAll(/secrets\.([A-Z_]+)/g)].map((m) => m[1]);
    it('pr.yml reads no secret at all (no Pulumi token, no passphrase, no Azure secret) and declares no environment', () => {
      expect(text('pr.yml')).to.not.match(/secrets\./);
      for (const [name, job] of Object.entries(pr.jobs)) {
        expect(secretsRead(job), name).to.deep.equal([]);
        expect(job.environment, name).to.equal(undefined);
      }
    });
    it('the setup docs give the previewer no write role on a self-managed backend\'s state (any branch can sign in as it)', () => {
      // a PR that edits pr.yml can get the previewer's OIDC token; Storage Blob Data Contributor on the
      // state container would let it rewrite or delete a stack's state
      for (const file of ['README.md', path.join('docs', 'ci.md')]) {
        const paragraphs = fs.readFileSync(path.join(ROOT, file), 'utf8').split(/\n\s*\n/);
        for (const p of paragraphs.filter((x) => /Storage Blob Data (Contributor|Owner)/.test(x))) {
          expect(p, file).to.not.match(/both identities|previewer (also )?(needs|gets|holds)|and the previewer/);
        }
      }
    });
    it('no workflow uses a stored Pulumi token: Pulumi Cloud tokens come from OIDC (pulumi/auth-actions, team tokens)', () => {
      for (const file of FILES) expect(text(file), file).to.not.contain('PULUMI_ACCESS_TOKEN');
      const auth = (job: Job) => step(job, usesAction('pulumi/auth-actions')).with!;
      // https://github.com/pulumi/auth-actions: requested-token-type and scope team:<TEAM>
      expect(auth(pr.jobs.preview)).to.deep.include({ 'requested-token-type': 'urn:pulumi:token-type:access_token:team', scope: 'team:${{ vars.PULUMI_PREVIEW_TEAM }}' });
      expect(auth(up.jobs.up)).to.deep.include({ 'requested-token-type': 'urn:pulumi:token-type:access_token:team', scope: 'team:${{ vars.PULUMI_DEPLOY_TEAM }}' });
      // the token is fetched before Pulumi runs
      for (const job of [pr.jobs.preview, up.jobs.up]) expect(stepIndex(job, usesAction('pulumi/auth-actions'))).to.be.lessThan(stepIndex(job, usesAction('pulumi/actions')));
    });
    it('secrets are read only by the deploy job, which runs in the dev/prod environment (environment secrets, after its protection rules)', () => {
      expect(secretsRead(up.jobs.up)).to.deep.equal(['PULUMI_CONFIG_PASSPHRASE']);
      expect(up.jobs.up.environment).to.equal('${{ inputs.environment }}');
      expect(up.on.workflow_call.secrets).to.equal(undefined);
      // deploy.yml names no secret itself; it lets pulumi-up read its environment's
      for (const [name, job] of Object.entries(deploy.jobs)) {
        expect(secretsRead(job), name).to.deep.equal([]);
        if (job.uses) expect(job.secrets, name).to.equal('inherit');
        else expect(job.secrets, name).to.equal(undefined);
      }
      expect(deploy.jobs.dev.with!.environment).to.equal('dev');
      expect(deploy.jobs.prod.with!.environment).to.equal('prod');
    });
    it('each Pulumi job signs in everywhere (Azure, kubelogin, Pulumi) as one identity: the previewer in pr.yml, the deployer in pulumi-up', () => {
      const identity = (job: Job, variable: string) => {
        expect(step(job, usesAction('azure/login')).with!['client-id']).to.equal(`\${{ vars.${variable} }}`);
        expect(job.env!.ARM_CLIENT_ID).to.equal(`\${{ vars.${variable} }}`);
        // kubelogin (design/clusterAccess.ts): workload identity, a fresh GitHub OIDC token per request
        expect(job.env!.AAD_LOGIN_METHOD).to.equal('workloadidentity');
        expect(job.env!.AZURE_CLIENT_ID).to.equal(`\${{ vars.${variable} }}`);
        expect(job.env!.AZURE_TENANT_ID).to.equal('${{ vars.AZURE_TENANT_ID }}');
        const kubelogin = stepIndex(job, usesAction('azure/use-kubelogin'));
        expect(kubelogin).to.be.greaterThan(-1);
        expect(job.steps![kubelogin].with!['kubelogin-version']).to.match(/^v\d+\.\d+\.\d+$/);
        expect(kubelogin).to.be.lessThan(stepIndex(job, usesAction('pulumi/actions')));
        expect((job.permissions as Record<string, string>)['id-token']).to.equal('write');
      };
      identity(pr.jobs.preview, 'AZURE_PREVIEW_CLIENT_ID');
      identity(up.jobs.up, 'AZURE_DEPLOY_CLIENT_ID');
    });
    it('a preview that cannot reach a cluster shows its objects unchanged instead of failing (PULUMI_K8S_SKIP_UPDATE_UNREACHABLE)', () => {
      expect(pr.jobs.preview.env!.PULUMI_K8S_SKIP_UPDATE_UNREACHABLE).to.equal('true');
      expect(up.jobs.up.env!.PULUMI_K8S_SKIP_UPDATE_UNREACHABLE).to.equal(undefined);
    });
  });

  it('every third-party action is pinned to a major version tag or a commit SHA; pulumi/actions to a SHA', () => {
    for (const file of FILES) {
      const uses = [...text(file).matchAll(/uses:\s*([^\s#]+)/g)].map((m) => m[1]).filter((u) => !u.startsWith('./'));
      expect(uses.length, file).to.be.greaterThan(0);
      for (const u of uses) expect(u, `${file}: ${u}`).to.match(/@(v\d+|[0-9a-f]{40})$/);
      for (const u of uses.filter((x) => x.startsWith('pulumi/actions@'))) expect(u).to.match(/@[0-9a-f]{40}$/);
    }
  });

  it('the README or docs/ci.md documents every variable and secret the workflows read', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8') + fs.readFileSync(path.join(ROOT, 'docs', 'ci.md'), 'utf8');
    const names = new Set(FILES.flatMap((f) => [...text(f).matchAll(/\b(?:vars|secrets)\.([A-Z_]+)/g)].map((m) => m[1])));
    expect(names.size).to.be.greaterThan(5);
    for (const name of names) expect(readme, name).to.contain(`\`${name}\``);
  });

  describe('usage: the scheduled live usage report (docs/usage.md)', () => {
    const job = usage.jobs.usage;
    const stepAt = (match: (s: Step) => boolean) => stepIndex(job, match);
    it('runs on a schedule (and by hand), grants nothing by default, never two at once', () => {
      expect(usage.on).to.have.keys('schedule', 'workflow_dispatch');
      expect(usage.on.schedule[0].cron).to.match(/^\S+ \S+ \* \* \*$/);
      expect(usage.permissions).to.deep.equal({});
      expect((usage as unknown as { concurrency: Job['concurrency'] }).concurrency!['cancel-in-progress']).to.equal(false);
    });
    it('one job per bundled stack; read-only contents, an OIDC token, issues to write and nothing else', () => {
      expect(Object.keys(usage.jobs)).to.deep.equal(['usage']);
      expect([...job.strategy!.matrix.stack!].sort()).to.deep.equal(stacks);
      expect(job.permissions).to.deep.equal({ contents: 'read', 'id-token': 'write', actions: 'read', issues: 'write' });
      expect(job.strategy!['fail-fast']).to.equal(false);
    });
    it('logs in as the read-only previewer through its own environment, never as the deployer', () => {
      expect(job.environment).to.equal('usage');
      const login = step(job, usesAction('azure/login'));
      expect(login.with!['client-id']).to.equal('${{ vars.AZURE_PREVIEW_CLIENT_ID }}');
      expect(text('usage.yml')).to.not.contain('AZURE_DEPLOY_CLIENT_ID');
      expect(text('usage.yml')).to.not.match(/pulumi (up|preview)|secrets\./);
    });
    it('history: downloaded before aksnet usage appends to it, uploaded after it even when it fails', () => {
      const download = stepAt(runs('gh run download'));
      const run = stepAt(runs('aksnet -- usage'));
      const upload = stepAt(usesAction('actions/upload-artifact'));
      expect(download).to.be.greaterThan(-1);
      expect(download).to.be.lessThan(run);
      expect(run).to.be.lessThan(upload);
      const usageRun = job.steps![run].run!;
      expect(usageRun).to.contain('--stack "$STACK"').and.contain('--history "$HISTORY"');
      expect(job.steps![upload].if).to.equal('always()');
      expect(job.steps![upload].with!.path).to.equal('${{ env.HISTORY }}');
      expect(job.steps![upload].with!.name).to.equal('usage-history-${{ matrix.stack }}');
      expect(job.steps![download].run).to.contain('--name "usage-history-$STACK"');
      // a run that alerts exits 1: the history comes from the newest finished run that kept one,
      // failed or not, trying older runs when a newer one kept none (else alerting days are lost)
      expect(job.steps![download].run).to.not.contain('--status success');
      expect(job.steps![download].run).to.contain('--status completed').and.match(/for run_id in[\s\S]*gh run download[\s\S]*break/);
    });
    it('opens or updates one issue per stack only when a range is full or runs out within 90 days, then fails the job', () => {
      const run = job.steps![stepAt(runs('aksnet -- usage'))].run!;
      expect(run).to.contain("grep -qE 'USAGE_RUNS_OUT_SOON|USAGE_RANGE_FULL' usage.md");
      const issue = step(job, runs('gh issue create'));
      expect(issue.if).to.equal("steps.usage.outputs.alert == 'true'");
      expect(issue.run).to.contain('gh issue edit').and.contain('$STACK');
      const fail = stepAt(runs('exit "$CODE"'));
      expect(fail).to.equal(job.steps!.length - 1);
    });
  });
});
