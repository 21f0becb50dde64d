#!/usr/bin/env node
// Regenerates admin-crds.json from the network-policy-api CRD files (run once per upgrade, commit the output):
//   node netpol/schemas/generate-admin.js DIR_WITH_CRD_YAML
// DIR holds config/crd/standard/policy.networking.k8s.io_{adminnetworkpolicies,baselineadminnetworkpolicies}.yaml
// of kubernetes-sigs/network-policy-api. Keeps spec.versions[name=v1alpha1].schema.openAPIV3Schema of
// each kind with `description` fields dropped, as generate.js does for Calico. Source, release and
// licence: README.md next to this file.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { argumentOrUsage, readCrd, versionSchema } = require('./crdSchema');

const PLURALS = { AdminNetworkPolicy: 'adminnetworkpolicies', BaselineAdminNetworkPolicy: 'baselineadminnetworkpolicies' };

const dir = argumentOrUsage('node netpol/schemas/generate-admin.js DIR_WITH_CRD_YAML');
const out = {};
for (const [kind, plural] of Object.entries(PLURALS)) {
  const crd = readCrd(path.join(dir, `policy.networking.k8s.io_${plural}.yaml`), kind);
  out[kind] = { scope: crd.spec.scope, bundleVersion: crd.metadata.annotations['policy.networking.k8s.io/bundle-version'], schema: versionSchema(crd, 'v1alpha1') };
}
fs.writeFileSync(path.join(__dirname, 'admin-crds.json'), `${JSON.stringify(out)}\n`);
console.log(`wrote ${Object.keys(out).length} schemas to netpol/schemas/admin-crds.json`);
