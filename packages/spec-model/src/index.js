// The spec's one reader: load and check a bundle, follow `$ref`s, walk operations, read token kinds and the
// envelope's result. Plain JavaScript so the emulator, the contract harness and the spec scripts run it with node
// as is; the model built on it (./model) is TypeScript, read by the generator through tsx.
export { ModelError, SpecLoadError } from './errors.js';
export { checkDocument, loadSpec } from './document.js';
export { pointerTokens, resolveRef } from './ref.js';
export { HTTP_METHODS } from './http.js';
export { envelopeResult, operationParameters, specOperations, successResponse } from './operations.js';
export { schemeKinds, TOKEN_KINDS } from './token-kinds.js';

/** @typedef {import('./document.js').OpenApiDocument} OpenApiDocument */
/** @typedef {import('./operations.js').SpecOperation} SpecOperation */
/** @typedef {import('./token-kinds.js').TokenKind} TokenKind */
