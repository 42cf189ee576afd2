// Reads the operations of a bundled spec into plain records the audit and the tests share.
export const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** Inventory kind codes to security scheme names. */
export const KIND_SCHEMES = {
  P: 'profileToken',
  A: 'analysisToken',
  R: 'runUserToken',
  D: 'deviceToken',
  N: 'networkToken',
  S: 'serviceAuthorizationToken',
};

/** `/device/{deviceID}/` and `/device/{id}` compare equal. */
export const normalizePath = (path) => (path.replace(/\{[^}]+\}/g, '{}').replace(/\/+$/, '') || '/');

function deref(doc, node) {
  let current = node;
  for (let i = 0; current && current.$ref && i < 20; i++) {
    current = current.$ref.slice(2).split('/').reduce((n, k) => n?.[k.replaceAll('~1', '/').replaceAll('~0', '~')], doc);
  }
  return current;
}

export function collectOperations(doc) {
  const out = [];
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = deref(doc, rawItem);
    for (const method of METHODS) {
      const o = item[method];
      if (!o) continue;
      const parameters = [...(item.parameters ?? []), ...(o.parameters ?? [])].map((p) => deref(doc, p));
      const successCode = Object.keys(o.responses ?? {}).find((c) => /^2\d\d$/.test(c));
      const success = successCode ? deref(doc, o.responses[successCode]) : undefined;
      const media = success?.content ? Object.values(success.content)[0] : undefined;
      const body = o.requestBody ? deref(doc, o.requestBody) : undefined;
      const bodyExamples = body?.content ? Object.values(body.content).reduce((n, m) => n + Object.keys(m.examples ?? {}).length + (m.example !== undefined ? 1 : 0), 0) : 0;
      const schema = media?.schema ? deref(doc, media.schema) : undefined;
      out.push({
        method: method.toUpperCase(),
        path,
        operationId: o.operationId,
        raw: o,
        kinds: new Set((o.security ?? []).flatMap((s) => Object.keys(s))),
        parameters,
        success,
        successCode,
        successExamples: media ? Object.keys(media.examples ?? {}).length + (media.example !== undefined ? 1 : 0) : 0,
        hasBody: Boolean(body),
        bodyExamples,
        returnsList: resultIsArray(doc, schema, o['x-tago-envelope'] === false),
      });
    }
  }
  return out;
}

function resultIsArray(doc, schema, raw) {
  if (!schema) return false;
  if (raw) return deref(doc, schema)?.type === 'array';
  // The envelope part declares `result` untyped; the operation's own part narrows it.
  return (schema.allOf ?? [schema]).some((part) => {
    const p = deref(doc, part);
    const result = p?.properties?.result && deref(doc, p.properties.result);
    return result?.type === 'array';
  });
}
