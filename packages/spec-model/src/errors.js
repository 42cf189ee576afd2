/** A spec that cannot be read: missing file, not JSON, not OpenAPI 3.1, no paths, or a bad `$ref`. */
export class SpecLoadError extends Error {
  /** @override */
  name = 'SpecLoadError';
}

/** A spec that reads but says something two clients could not agree on (a clash, a missing id, a bad kind). */
export class ModelError extends Error {
  /** @override */
  name = 'ModelError';
}
