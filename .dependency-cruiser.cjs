// Architecture rules, checked by `npm test` (test/architecture.test.ts) and by
// `npx depcruise -c .dependency-cruiser.cjs index.ts planner netpol design usage components report cli policies findings`.
// Arrows point down only: cli -> report/design -> netpol -> planner; components/ is the only layer
// that creates Pulumi resources. test/fixtures/architecture/ breaks each rule once on purpose.
/** Product folders (a path below the cruise's base directory). */
const PRODUCT = '^(index\\.ts|planner/|netpol/|design/|usage/|components/|report/|cli/|policies/|findings/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'planner-is-self-contained',
      comment: 'planner/ is pure address planning: it imports nothing of the project outside itself',
      severity: 'error',
      from: { path: '^planner/' },
      to: { path: PRODUCT, pathNot: '^planner/' },
    },
    {
      name: 'findings-imports-nothing',
      comment: 'findings/ is the catalog of codes (aksnet explain, docs/findings.md): it imports nothing of the project, so it loads on its own',
      severity: 'error',
      from: { path: '^findings/' },
      to: { path: PRODUCT, pathNot: '^findings/' },
    },
    {
      name: 'netpol-only-planner',
      comment: 'netpol/ is pure policy semantics: of the project it may import planner/ only',
      severity: 'error',
      from: { path: '^netpol/' },
      to: { path: PRODUCT, pathNot: '^(netpol|planner)/' },
    },
    {
      name: 'design-only-planner-netpol',
      comment: 'design/ turns a plan and config into what to deploy: of the project it may import planner/ and netpol/ only',
      severity: 'error',
      from: { path: '^design/' },
      to: { path: PRODUCT, pathNot: '^(design|netpol|planner)/' },
    },
    {
      name: 'usage-only-planner-design',
      comment:
        'usage/ is the pure half of `aksnet usage` (used against planned, drift, the trend fit): it takes the live ' +
        'estate as data and may import planner/, netpol/ and design/ only; the Azure SDK calls live in cli/',
      severity: 'error',
      from: { path: '^usage/' },
      to: { path: PRODUCT, pathNot: '^(usage|design|netpol|planner)/' },
    },
    {
      name: 'azure-sdk-only-in-usage-command',
      comment:
        'only the `aksnet usage` command (cli/usageCommand.ts, cli/azureEstate.ts, in their own bundle dist/usage.js) ' +
        'loads @azure/*: every other command starts without the Azure SDKs; type-only imports are free',
      severity: 'error',
      from: { pathNot: '^cli/(usageCommand|azureEstate)\\.ts$' },
      to: { path: '(^|/)node_modules/@azure/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'report-not-components',
      comment: 'report/ renders plans; it never reaches into the Pulumi components',
      severity: 'error',
      from: { path: '^report/' },
      to: { path: '^(components|cli)/' },
    },
    {
      name: 'pulumi-only-in-components',
      comment:
        'only components/, index.ts and the synth command load @pulumi/* (policies/ is a CrossGuard pack, ' +
        'a Pulumi plugin by nature); everything else stays loadable without the Pulumi SDK',
      severity: 'error',
      from: { path: '^(planner|netpol|design|usage|report|cli)/', pathNot: '^cli/synth\\.ts$' },
      to: { path: '(^|/)node_modules/@pulumi/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'pulumi-sdk-types-only-outside-components',
      comment: 'a type-only import of @pulumi/* is fine for the synth command; pure layers import none',
      severity: 'error',
      from: { path: '^(planner|netpol|design|usage|report|findings)/' },
      to: { path: '(^|/)node_modules/@pulumi/' },
    },
    {
      name: 'no-circular-across-folders',
      comment: 'no import cycle that leaves its folder (a cycle across layers means an arrow points up)',
      severity: 'error',
      from: { path: '^(planner|netpol|design|usage|components|report|cli|policies|findings)/' },
      to: { circular: true, viaSomeNot: '^$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // the project's own bundles only: packages keep their code in dist/ folders too (@azure/*)
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.json', '.d.ts'] },
  },
};
