// The audit's checks as a pure function, so tests can feed it broken inputs and see it fail.
import { collectOperations, KIND_SCHEMES, normalizePath } from './operations.mjs';

/**
 * @param {{ bundle: object, inventory: string[][], upstream: string[][], excludedText: string, correctionsText: string }} input
 * @returns {{ problems: string[], ops: object[], covered: number, expected: number, kindsOk: number, excludedSeen: number,
 *   upstreamCovered: number, upstreamCorrected: number, upstreamTotal: number, examples: number }}
 */
export function auditSpec({ bundle, inventory, upstream, excludedText, correctionsText }) {
  const problems = [];
  // Trailing-slash variants repeat their canonical operation (test/path-variants.test.ts proves it): audited once.
  const ops = collectOperations(bundle).filter((op) => !op.raw['x-tago-path-variant-of']);
  const byKey = new Map(ops.map((op) => [`${op.method} ${normalizePath(op.path)}`, op]));
  const byId = new Map(ops.map((op) => [op.operationId, op]));

  // EXCLUDED.md: lines "- `METHOD /path` — reason".
  const excluded = new Map();
  for (const line of excludedText.split('\n')) {
    const m = /^- `(GET|POST|PUT|DELETE|PATCH) ([^`]+)` — (.{10,})$/.exec(line);
    if (m) excluded.set(`${m[1]} ${normalizePath(m[2])}`, m[3]);
  }

  // 1. The inventory.
  let covered = 0;
  let kindsOk = 0;
  let excludedSeen = 0;
  for (const [ref, method, path, kinds, confidence] of inventory) {
    const key = `${method} ${normalizePath(path)}`;
    const op = byKey.get(key);
    if (!op) {
      if (excluded.has(key)) excludedSeen++;
      else problems.push(`inventory ${ref} ${method} ${path} is missing from the spec and not in EXCLUDED.md`);
      continue;
    }
    covered++;
    const want =
      kinds === 'ANON'
        ? []
        : kinds
            .split(',')
            .map((k) => KIND_SCHEMES[k])
            .sort();
    const have = [...op.kinds].sort();
    if (confidence === 'unsure' ? have.length > 0 || want.length === 0 : want.join() === have.join()) kindsOk++;
    else
      problems.push(
        `inventory ${ref} ${method} ${path}: token kinds ${have.join('|') || 'none'} in the spec, ${want.join('|') || 'none'} in the inventory`,
      );
  }

  // 2. TagoIO's own OpenAPI file, through the corrections table.
  const corrections = new Map();
  for (const line of correctionsText.split('\n')) {
    const m = /^\| `(GET|POST|PUT|DELETE|PATCH) ([^`]+)` \| `([A-Za-z0-9]+)` \|/.exec(line);
    if (m) corrections.set(`${m[1]} ${m[2]}`, m[3]);
  }
  let upstreamCovered = 0;
  let upstreamCorrected = 0;
  for (const [method, path, upstreamId] of upstream) {
    const direct = byKey.get(`${method} ${normalizePath(path)}`);
    const fixedId = corrections.get(`${method} ${path}`);
    if (direct && !fixedId) upstreamCovered++;
    else if (fixedId && byId.has(fixedId)) upstreamCorrected++;
    else if (fixedId)
      problems.push(`UPSTREAM-CORRECTIONS.md maps ${method} ${path} to ${fixedId}, which the spec lacks`);
    else
      problems.push(
        `upstream ${upstreamId} (${method} ${path}) has no operation here and no entry in UPSTREAM-CORRECTIONS.md`,
      );
  }

  // 3. Conventions every operation must follow.
  const methodsPerTag = new Map();
  let examples = 0;
  for (const op of ops) {
    const where = `${op.operationId ?? `${op.method} ${op.path}`}`;
    const o = op.raw;
    if (!/^[a-z][A-Za-z0-9]*$/.test(o.operationId ?? '')) problems.push(`${where}: operationId must be camelCase`);
    if (!o.summary || !o.description) problems.push(`${where}: needs summary and description`);
    if (!Array.isArray(o.tags) || o.tags.length !== 1) problems.push(`${where}: needs exactly one tag`);
    if (!Array.isArray(o.security)) problems.push(`${where}: must state its security (use [] for no token)`);
    const m = o['x-tago-method'];
    const tagKey = `${o.tags?.[0]}.${m}`;
    if (!/^[a-z][A-Za-z0-9]*$/.test(m ?? '')) problems.push(`${where}: x-tago-method missing or not camelCase`);
    else if (methodsPerTag.has(tagKey))
      problems.push(`${where}: x-tago-method ${m} already used by ${methodsPerTag.get(tagKey)} in ${o.tags?.[0]}`);
    else methodsPerTag.set(tagKey, o.operationId);
    if (!op.success) problems.push(`${where}: no 2xx response`);
    else if (!op.successExamples) problems.push(`${where}: the success response has no example`);
    examples += op.successExamples + op.bodyExamples;
    if (op.hasBody && op.bodyExamples === 0) problems.push(`${where}: the request body has no example`);
    for (const p of op.parameters) {
      if ((p.in === 'path' || p.required) && p.example === undefined && !p.examples)
        problems.push(`${where}: parameter ${p.name} needs an example`);
    }
    if (op.returnsList && !o['x-tago-pagination'])
      problems.push(`${where}: returns a list but has no x-tago-pagination`);
    if (o['x-tago-pagination'] && !['page', 'skip', 'cursor', 'none'].includes(o['x-tago-pagination']))
      problems.push(`${where}: unknown x-tago-pagination`);
    const codes = Object.keys(o.responses ?? {});
    if (!codes.includes('429')) problems.push(`${where}: no 429 response`);
    if (o.security?.length && !codes.includes('401')) problems.push(`${where}: needs a token but has no 401 response`);
  }
  const expected = inventory.length - excludedSeen;
  if (excludedSeen !== excluded.size)
    problems.push('EXCLUDED.md lists a route that is not in the inventory or that the spec now has');
  return {
    problems,
    ops,
    covered,
    expected,
    kindsOk,
    excludedSeen,
    upstreamCovered,
    upstreamCorrected,
    upstreamTotal: upstream.length,
    examples,
  };
}
