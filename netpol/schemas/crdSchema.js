// What the three generators here share (generate.js for Calico, generate-admin.js for
// network-policy-api, generate-gateway-api.js for Gateway API): reading CRD YAML and keeping a
// version's openAPIV3Schema without its `description` prose (90% of the bytes). Dev-time only: the
// product reads the committed JSON, never this file.
'use strict';
const fs = require('node:fs');
const { load } = require('js-yaml');

/** The schema without `description` prose, except where it names a property called "description". */
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

/** One CRD file, checked to define `kind`. */
function readCrd(file, kind) {
  const crd = load(fs.readFileSync(file, 'utf8'));
  if (crd.spec.names.kind !== kind) throw new Error(`${file}: kind ${crd.spec.names.kind}, expected ${kind}`);
  return crd;
}

/** The schema of version `name` of a CRD, without prose. */
function versionSchema(crd, name) {
  const version = crd.spec.versions.find((v) => v.name === name);
  if (!version) throw new Error(`${crd.metadata.name}: no version ${name}`);
  return withoutDescriptions(version.schema.openAPIV3Schema);
}

/** The first command-line argument, or the usage line and exit 2. */
function argumentOrUsage(usage) {
  const arg = process.argv[2];
  if (!arg) {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  return arg;
}

module.exports = { withoutDescriptions, readCrd, versionSchema, argumentOrUsage };
