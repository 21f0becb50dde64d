#!/usr/bin/env node
// Regenerates gateway-api-crds.json from a Gateway API standard-channel install file (run once per
// Gateway API upgrade, commit the output):
//   node netpol/schemas/generate-gateway-api.js standard-install.yaml
// Keeps, for each kind the project generates or `aksnet validate` reads, the openAPIV3Schema of every
// served version with `description` prose dropped, and the CRD `scope`. Nothing else is changed.
// Source, release and licence: README.md next to this file.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { loadAll } = require('js-yaml');
const { argumentOrUsage, versionSchema } = require('./crdSchema');

const KINDS = ['Gateway', 'GatewayClass', 'HTTPRoute', 'GRPCRoute', 'ReferenceGrant'];

const file = argumentOrUsage('node netpol/schemas/generate-gateway-api.js STANDARD_INSTALL_YAML');
const docs = loadAll(fs.readFileSync(file, 'utf8')).filter((d) => d && d.kind === 'CustomResourceDefinition');
const out = { bundleVersion: undefined, kinds: {} };
for (const kind of KINDS) {
  const crd = docs.find((d) => d.spec.names.kind === kind);
  if (!crd) throw new Error(`${file}: no CRD for ${kind}`);
  out.bundleVersion = crd.metadata.annotations['gateway.networking.k8s.io/bundle-version'];
  const versions = {};
  for (const v of crd.spec.versions.filter((v) => v.served)) versions[v.name] = versionSchema(crd, v.name);
  out.kinds[kind] = { scope: crd.spec.scope, versions };
}
fs.writeFileSync(path.join(__dirname, 'gateway-api-crds.json'), `${JSON.stringify(out)}\n`);
console.log(`wrote ${KINDS.length} kinds (Gateway API ${out.bundleVersion}) to netpol/schemas/gateway-api-crds.json`);
