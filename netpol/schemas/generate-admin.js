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
const { load } = require('js-yaml');

const PLURALS = { AdminNetworkPolicy: 'adminnetworkpolicies', BaselineAdminNetworkPolicy: 'baselineadminnetworkpolicies' };

function withoutDescriptions(node) {
  if (Array.isArray(node)) return node.map(withoutDescriptions);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'description' && typeof v === 'string') continue;
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, withoutDescriptions(s)])) : withoutDescriptions(v);
  }
  return out;
}

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node netpol/schemas/generate-admin.js DIR_WITH_CRD_YAML');
  process.exit(2);
}
const out = {};
for (const [kind, plural] of Object.entries(PLURALS)) {
  const crd = load(fs.readFileSync(path.join(dir, `policy.networking.k8s.io_${plural}.yaml`), 'utf8'));
  if (crd.spec.names.kind !== kind) throw new Error(`${plural}: kind ${crd.spec.names.kind}, expected ${kind}`);
  const v = crd.spec.versions.find((x) => x.name === 'v1alpha1');
  out[kind] = { scope: crd.spec.scope, bundleVersion: crd.metadata.annotations['policy.networking.k8s.io/bundle-version'], schema: withoutDescriptions(v.schema.openAPIV3Schema) };
}
fs.writeFileSync(path.join(__dirname, 'admin-crds.json'), `${JSON.stringify(out)}\n`);
console.log(`wrote ${Object.keys(out).length} schemas to netpol/schemas/admin-crds.json`);
