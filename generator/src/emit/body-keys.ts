import type { ApiModel } from '@tagokit/spec-model/model';
import { banner } from './banner.js';

/**
 * `body-keys.ts`: per operation whose JSON body is closed in the spec, the top-level keys it may carry (of the
 * object, or of each array item), and per operation the values of its enumerated query parameters. The Node, Deno and full edge clients hand it to the core, which refuses any
 * other name before sending; it is a separate module so the lean edge client's bundle leaves it out.
 */
export function emitBodyKeys(model: ApiModel): string {
  const rows = model.operations.flatMap((op) =>
    op.body?.allowedKeys === undefined ? [] : [`  ${op.id}: ${JSON.stringify(op.body.allowedKeys)},`],
  );
  const queryRows = model.operations.flatMap((op) => {
    const params = op.parameters.filter((p) => p.allowedValues !== undefined);
    if (params.length === 0) return [];
    return [`  ${op.id}: ${JSON.stringify(Object.fromEntries(params.map((p) => [p.name, p.allowedValues])))},`];
  });
  return [
    banner(model.version),
    "import { bodyKeyCheck, type BodyKeyCheck, type BodyKeyTable, type QueryValueTable } from '@tagokit/core/internal';",
    '',
    '/** Top-level keys of each closed request body, by operation id. */',
    'export const BODY_KEY_TABLE: BodyKeyTable = {',
    ...rows,
    '};',
    '',
    '/** The values of each enumerated query parameter (`fields`, data query modes ...), by operation id. */',
    'export const QUERY_VALUE_TABLE: QueryValueTable = {',
    ...queryRows,
    '};',
    '',
    '/** The check the full clients put in their context (`bodyKeys`): body keys and enumerated query values. */',
    'export const BODY_KEYS: BodyKeyCheck = /* @__PURE__ */ bodyKeyCheck(BODY_KEY_TABLE, QUERY_VALUE_TABLE);',
    '',
  ].join('\n');
}
