// Closing a CRD schema against unknown fields, before it is compiled into a validator
// (generate-validators.js). Every object schema that lists properties gets additionalProperties:
// false, `metadata` left open: the API server prunes an unknown field silently, so a typo such as
// Calico's `selecter` or Gateway API's `sectionNmae` would otherwise change what an object does
// without a word. The committed *-crds.json stay as upstream wrote them; this runs on a copy.
'use strict';

/** A copy of the schema with every object that lists properties closed, `metadata` left open. */
function closeSchema(node, key = '') {
  if (Array.isArray(node)) return node.map((n) => closeSchema(n));
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, closeSchema(s, p)])) : closeSchema(v, k);
  }
  if (out.properties && key !== 'metadata' && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

module.exports = { closeSchema };
