// Reads the operations of a bundled spec into plain records the audit and the tests share, through the spec's
// one reader (@tagokit/spec-model): the same references, methods and envelope result the generator sees.
import { envelopeResult, operationParameters, resolveRef, specOperations, successResponse } from '@tagokit/spec-model';

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
export const normalizePath = (path) => path.replace(/\{[^}]+\}/g, '{}').replace(/\/+$/, '') || '/';

export function collectOperations(doc) {
  return specOperations(doc).map((specOp) => {
    const { method, path, operation: o } = specOp;
    const success = successResponse(doc, o.responses);
    const media = success?.response.content ? Object.values(success.response.content)[0] : undefined;
    const body = o.requestBody ? resolveRef(doc, o.requestBody) : undefined;
    const bodyExamples = body?.content ? Object.values(body.content).reduce((n, m) => n + exampleCount(m), 0) : 0;
    return {
      method: method.toUpperCase(),
      path,
      operationId: o.operationId,
      raw: o,
      kinds: new Set((o.security ?? []).flatMap((s) => Object.keys(s))),
      parameters: operationParameters(doc, specOp),
      success: success?.response,
      successCode: success ? String(success.status) : undefined,
      successExamples: media ? exampleCount(media) : 0,
      hasBody: Boolean(body),
      bodyExamples,
      returnsList: resultIsArray(doc, media?.schema, o['x-tago-envelope'] === false),
    };
  });
}

const exampleCount = (media) => Object.keys(media.examples ?? {}).length + (media.example !== undefined ? 1 : 0);

function resultIsArray(doc, schema, raw) {
  if (!schema) return false;
  const result = raw ? schema : envelopeResult(doc, schema);
  return result !== undefined && resolveRef(doc, result)?.type === 'array';
}
