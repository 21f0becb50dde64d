#!/usr/bin/env node
// Regenerates calico-crds.json from the Calico CRD files (run once per Calico upgrade, commit the output):
//   node netpol/schemas/generate.js DIR_WITH_CRD_YAML
// Keeps spec.versions[name=v1].schema.openAPIV3Schema of each kind, with `description` fields dropped
// (prose only; they are 90% of the bytes). Nothing else is changed: closing objects against unknown
// fields (additionalProperties: false) happens at run time in netpol/calicoSchema.ts, so this copy
// stays comparable with upstream. Source, release and licence: README.md next to this file.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { argumentOrUsage, readCrd, versionSchema } = require('./crdSchema');

const PLURALS = {
  GlobalNetworkPolicy: 'globalnetworkpolicies',
  NetworkPolicy: 'networkpolicies',
  GlobalNetworkSet: 'globalnetworksets',
  NetworkSet: 'networksets',
  Tier: 'tiers',
};

const dir = argumentOrUsage('node netpol/schemas/generate.js DIR_WITH_CRD_YAML');
const out = {};
for (const [kind, plural] of Object.entries(PLURALS)) {
  const crd = readCrd(path.join(dir, `crd.projectcalico.org_${plural}.yaml`), kind);
  out[kind] = { scope: crd.spec.scope, schema: versionSchema(crd, 'v1') };
}
fs.writeFileSync(path.join(__dirname, 'calico-crds.json'), `${JSON.stringify(out)}\n`);
console.log(`wrote ${Object.keys(out).length} schemas to netpol/schemas/calico-crds.json`);
