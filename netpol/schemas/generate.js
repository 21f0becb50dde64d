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
const { load } = require('js-yaml');

const PLURALS = {
  GlobalNetworkPolicy: 'globalnetworkpolicies',
  NetworkPolicy: 'networkpolicies',
  GlobalNetworkSet: 'globalnetworksets',
  NetworkSet: 'networksets',
  Tier: 'tiers',
};

function withoutDescriptions(node) {
  if (Array.isArray(node)) return node.map(withoutDescriptions);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    // `description` is prose, except where it names a property called "description"
    if (k === 'description' && typeof v === 'string') continue;
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, withoutDescriptions(s)])) : withoutDescriptions(v);
  }
  return out;
}

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node netpol/schemas/generate.js DIR_WITH_CRD_YAML');
  process.exit(2);
}
const out = {};
for (const [kind, plural] of Object.entries(PLURALS)) {
  const crd = load(fs.readFileSync(path.join(dir, `crd.projectcalico.org_${plural}.yaml`), 'utf8'));
  if (crd.spec.names.kind !== kind) throw new Error(`${plural}: kind ${crd.spec.names.kind}, expected ${kind}`);
  const v1 = crd.spec.versions.find((v) => v.name === 'v1');
  out[kind] = { scope: crd.spec.scope, schema: withoutDescriptions(v1.schema.openAPIV3Schema) };
}
fs.writeFileSync(path.join(__dirname, 'calico-crds.json'), `${JSON.stringify(out)}\n`);
console.log(`wrote ${Object.keys(out).length} schemas to netpol/schemas/calico-crds.json`);
