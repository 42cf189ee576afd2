import type { ApiModel } from '@tagokit/spec-model/model';
import { banner } from './banner.js';

/**
 * `body-keys.ts`: per operation whose JSON body is closed in the spec, the top-level keys it may carry (of the
 * object, or of each array item). The Node, Deno and full edge clients hand it to the core, which refuses any
 * other key before sending; it is a separate module so the lean edge client's bundle leaves it out.
 */
export function emitBodyKeys(model: ApiModel): string {
  const rows = model.operations.flatMap((op) =>
    op.body?.allowedKeys === undefined ? [] : [`  ${op.id}: ${JSON.stringify(op.body.allowedKeys)},`],
  );
  return [
    banner(model.version),
    "import { bodyKeyCheck, type BodyKeyCheck, type BodyKeyTable } from '@tagokit/core/internal';",
    '',
    '/** Top-level keys of each closed request body, by operation id. */',
    'export const BODY_KEY_TABLE: BodyKeyTable = {',
    ...rows,
    '};',
    '',
    '/** The check the full clients put in their context (`bodyKeys`). */',
    'export const BODY_KEYS: BodyKeyCheck = /* @__PURE__ */ bodyKeyCheck(BODY_KEY_TABLE);',
    '',
  ].join('\n');
}
