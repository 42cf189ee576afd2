// An ajv (JSON Schema 2020-12) validator for the bundled spec's schemas, independent of Redocly's checks.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** OpenAPI keywords that are not JSON Schema; ajv must know them or its strict mode refuses the schema. */
const OPENAPI_KEYWORDS = ['example', 'discriminator', 'xml', 'externalDocs'];

function extensionKeywords(node, found = new Set()) {
  if (Array.isArray(node)) {
    for (const n of node) extensionKeywords(n, found);
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k.startsWith('x-')) found.add(k);
      extensionKeywords(v, found);
    }
  }
  return found;
}

/** What an error names besides its message: the allowed value, or the key a closed object refuses. */
function detail(params) {
  if (!params) return '';
  if ('allowedValue' in params) return ` (${JSON.stringify(params.allowedValue)})`;
  const key = params.additionalProperty ?? params.unevaluatedProperty;
  return key === undefined ? '' : ` ('${key}')`;
}

const SPEC_ID = 'https://tagokit.invalid/spec.json';

/** Rewrites `#/components/schemas/X` refs so schemas can be compiled outside the OpenAPI document. */
export function rebase(node) {
  if (Array.isArray(node)) return node.map(rebase);
  if (node && typeof node === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(node)) {
      out[k] =
        k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')
          ? `${SPEC_ID}#/$defs/${v.slice('#/components/schemas/'.length)}`
          : rebase(v);
    }
    return out;
  }
  return node;
}

export function createValidator(bundle) {
  const ajv = new Ajv2020({
    strict: true,
    allErrors: true,
    strictRequired: false,
    strictTypes: false,
    strictTuples: false,
    allowUnionTypes: true,
    validateFormats: true,
  });
  addFormats.default(ajv);
  ajv.addVocabulary([...OPENAPI_KEYWORDS, ...extensionKeywords(bundle)]);
  ajv.addSchema({ $id: SPEC_ID, $defs: rebase(bundle.components?.schemas ?? {}) });
  const cache = new Map();
  return (schema, value) => {
    let validate = cache.get(schema);
    if (!validate) {
      validate = ajv.compile(rebase(schema));
      cache.set(schema, validate);
    }
    const ok = validate(value);
    return ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${detail(e.params)}`);
  };
}
