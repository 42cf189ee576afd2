/** Returns a function that validates a value against a schema of the bundle; an empty list means valid. */
export function createValidator(bundle: unknown): (schema: unknown, value: unknown) => string[];
/** Rewrites `#/components/schemas/X` references so a schema compiles outside the OpenAPI document. */
export function rebase(node: unknown): unknown;
