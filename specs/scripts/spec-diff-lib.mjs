// Classifies the changes between two bundled specs as breaking or not, from the point of view of a client
// generated from the old spec, and suggests the semver bump of the spec (and of the generated packages).
import { resolveRef } from '@tagokit/spec-model';
import { collectOperations } from './operations.mjs';

/** The node a reference points at; `{}` for none, so a comparison reads an absent schema as an empty one. */
const deref = (doc, node) => resolveRef(doc, node) ?? {};

/** Refuses keys it does not list: `additionalProperties: false` or (3.1) `unevaluatedProperties: false`. */
const isClosed = (s) => s.additionalProperties === false || s.unevaluatedProperties === false;

/**
 * A schema whose `allOf` parts are all plain objects, read as one object: moving fields into a base that a closed
 * wrapper extends (`X: {allOf: [XFields], unevaluatedProperties: false}`) changes no field a client sends.
 */
function flattenAllOf(doc, s, depth = 0) {
  if (!Array.isArray(s.allOf) || depth > 6) return s;
  const parts = s.allOf.map((p) => flattenAllOf(doc, deref(doc, p), depth + 1));
  const withAlternatives = [s, ...parts].filter((p) => p.oneOf || p.anyOf);
  if (withAlternatives.length > 1 || parts.some((p) => p.allOf || (p.type !== undefined && p.type !== 'object')))
    return s;
  const { allOf, ...rest } = s;
  const alternatives = withAlternatives[0];
  if (alternatives?.oneOf) rest.oneOf = alternatives.oneOf;
  if (alternatives?.anyOf) rest.anyOf = alternatives.anyOf;
  const properties = Object.assign({}, ...parts.map((p) => p.properties ?? {}), s.properties ?? {});
  const required = [...new Set([...parts.flatMap((p) => p.required ?? []), ...(s.required ?? [])])];
  return { type: 'object', ...rest, properties, ...(required.length ? { required } : {}) };
}

const typesOf = (s) => (s.type === undefined ? undefined : new Set(Array.isArray(s.type) ? s.type : [s.type]));

/**
 * Compares two schemas. `side` is `request` (what the client sends: the new schema must accept everything the old
 * one did) or `response` (what the client reads: the new schema must not drop or change what the old one promised).
 */
function compareSchemas(oldDoc, newDoc, oldNode, newNode, side, where, out, depth = 0) {
  if (depth > 12) return;
  const a = flattenAllOf(oldDoc, deref(oldDoc, oldNode));
  const b = flattenAllOf(newDoc, deref(newDoc, newNode));
  if (side === 'request' && isClosed(b) && !isClosed(a) && (a.properties || b.properties))
    out.push({ level: 'breaking', rule: 'request-closed', where, detail: 'keys it does not list are now refused' });
  const ta = typesOf(a);
  const tb = typesOf(b);
  if (ta && tb) {
    const lost = [...ta].filter((t) => !tb.has(t) && !(t === 'integer' && tb.has('number')));
    const gained = [...tb].filter((t) => !ta.has(t) && !(t === 'integer' && ta.has('number')));
    if (side === 'request' && lost.length)
      out.push({ level: 'breaking', rule: 'type-narrowed', where, detail: `no longer accepts ${lost.join(', ')}` });
    if (side === 'response' && gained.length)
      out.push({ level: 'breaking', rule: 'type-changed', where, detail: `may now answer ${gained.join(', ')}` });
    if (side === 'response' && lost.length && !gained.length)
      out.push({ level: 'minor', rule: 'type-narrowed', where, detail: `no longer answers ${lost.join(', ')}` });
  }
  if (Array.isArray(a.enum) && Array.isArray(b.enum)) {
    const removed = a.enum.filter((v) => !b.enum.includes(v));
    const added = b.enum.filter((v) => !a.enum.includes(v));
    if (removed.length)
      out.push({
        level: side === 'request' ? 'breaking' : 'minor',
        rule: 'enum-value-removed',
        where,
        detail: removed.map((v) => JSON.stringify(v)).join(', '),
      });
    if (added.length)
      out.push({
        level: side === 'response' ? 'breaking' : 'minor',
        rule: 'enum-value-added',
        where,
        detail: added.map((v) => JSON.stringify(v)).join(', '),
      });
  } else if (!Array.isArray(a.enum) && Array.isArray(b.enum) && side === 'request') {
    out.push({ level: 'breaking', rule: 'enum-added', where, detail: 'now limited to listed values' });
  }
  if (side === 'request') {
    for (const [key, tighter] of [
      ['maxLength', (x, y) => y < x],
      ['maximum', (x, y) => y < x],
      ['maxItems', (x, y) => y < x],
      ['minLength', (x, y) => y > x],
      ['minimum', (x, y) => y > x],
      ['minItems', (x, y) => y > x],
    ]) {
      if (b[key] !== undefined && (a[key] === undefined || tighter(a[key], b[key])))
        out.push({
          level: 'breaking',
          rule: 'limit-tightened',
          where,
          detail: `${key} ${a[key] ?? 'none'} -> ${b[key]}`,
        });
    }
    if (b.pattern !== undefined && b.pattern !== a.pattern)
      out.push({ level: 'breaking', rule: 'pattern-changed', where, detail: `${a.pattern ?? 'none'} -> ${b.pattern}` });
  }
  const pa = a.properties ?? {};
  const pb = b.properties ?? {};
  const ra = new Set(a.required ?? []);
  const rb = new Set(b.required ?? []);
  for (const key of Object.keys(pa)) {
    const at = `${where}.${key}`;
    if (!(key in pb)) {
      if (side === 'response')
        out.push({ level: 'breaking', rule: 'response-field-removed', where: at, detail: 'field removed' });
      else if (isClosed(b))
        out.push({ level: 'breaking', rule: 'request-field-removed', where: at, detail: 'field no longer accepted' });
      else out.push({ level: 'minor', rule: 'request-field-removed', where: at, detail: 'field no longer documented' });
      continue;
    }
    compareSchemas(oldDoc, newDoc, pa[key], pb[key], side, at, out, depth + 1);
    if (side === 'response' && ra.has(key) && !rb.has(key))
      out.push({ level: 'breaking', rule: 'response-field-optional', where: at, detail: 'may now be absent' });
  }
  for (const key of Object.keys(pb)) {
    if (key in pa) continue;
    const at = `${where}.${key}`;
    if (side === 'request' && rb.has(key))
      out.push({ level: 'breaking', rule: 'required-field-added', where: at, detail: 'new required field' });
    else
      out.push({
        level: 'minor',
        rule: side === 'request' ? 'optional-field-added' : 'response-field-added',
        where: at,
        detail: 'new field',
      });
  }
  if (side === 'request') {
    for (const key of rb)
      if (!ra.has(key) && key in pa)
        out.push({ level: 'breaking', rule: 'field-now-required', where: `${where}.${key}`, detail: 'was optional' });
  }
  if (a.items || b.items)
    compareSchemas(oldDoc, newDoc, a.items ?? {}, b.items ?? {}, side, `${where}[]`, out, depth + 1);
  const la = a.allOf ?? [];
  const lb = b.allOf ?? [];
  if (la.length === lb.length) {
    la.forEach((sub, i) => {
      compareSchemas(oldDoc, newDoc, sub, lb[i], side, `${where}<allOf${i}>`, out, depth + 1);
    });
  } else out.push({ level: 'breaking', rule: 'allOf-changed', where, detail: `${la.length} -> ${lb.length} parts` });
  // oneOf and anyOf list alternatives; moving between them (same alternatives) changes nothing a client sees.
  const aa = a.oneOf ?? a.anyOf ?? [];
  const ab = b.oneOf ?? b.anyOf ?? [];
  if (aa.length === ab.length) {
    aa.forEach((sub, i) => {
      compareSchemas(oldDoc, newDoc, sub, ab[i], side, `${where}<alt${i}>`, out, depth + 1);
    });
  } else if (side === 'request' && ab.length < aa.length)
    out.push({
      level: 'breaking',
      rule: 'alternatives-removed',
      where,
      detail: `${aa.length} -> ${ab.length} alternatives`,
    });
  else if (side === 'response' && ab.length > aa.length)
    out.push({
      level: 'breaking',
      rule: 'alternatives-added',
      where,
      detail: `${aa.length} -> ${ab.length} alternatives`,
    });
  else
    out.push({
      level: 'minor',
      rule: 'alternatives-changed',
      where,
      detail: `${aa.length} -> ${ab.length} alternatives`,
    });
}

function successSchema(doc, op) {
  const media = Object.values(op.success?.content ?? {})[0];
  return media?.schema;
}

function bodySchema(doc, op) {
  const body = op.raw.requestBody ? deref(doc, op.raw.requestBody) : undefined;
  if (!body) return undefined;
  const content = body.content ?? {};
  return {
    required: Boolean(body.required),
    schema: (content['application/json'] ?? Object.values(content)[0])?.schema,
  };
}

/** Every change between two specs, each `{ level: breaking|minor|patch, rule, where, detail }`. */
export function diffSpecs(oldDoc, newDoc) {
  const changes = [];
  const key = (op) => `${op.method} ${op.path}`;
  const oldOps = new Map(collectOperations(oldDoc).map((op) => [key(op), op]));
  const newOps = new Map(collectOperations(newDoc).map((op) => [key(op), op]));
  for (const [k, a] of oldOps) {
    const b = newOps.get(k);
    const where = a.operationId ?? k;
    if (!b) {
      changes.push({ level: 'breaking', rule: 'operation-removed', where, detail: k });
      continue;
    }
    if (a.operationId !== b.operationId)
      changes.push({
        level: 'breaking',
        rule: 'operation-renamed',
        where,
        detail: `${a.operationId} -> ${b.operationId}`,
      });
    const ma = a.raw['x-tago-method'];
    const mb = b.raw['x-tago-method'];
    const sameTag = a.raw.tags?.[0] === b.raw.tags?.[0];
    // A rename that keeps the old name in x-tago-method-aliases still answers to it (deprecated): minor.
    const aliased = sameTag && ma !== mb && (b.raw['x-tago-method-aliases'] ?? []).includes(ma);
    if (aliased)
      changes.push({
        level: 'minor',
        rule: 'client-method-renamed-with-alias',
        where,
        detail: `${b.raw.tags?.[0]}.${ma} -> ${b.raw.tags?.[0]}.${mb} (${ma} kept, deprecated)`,
      });
    else if (ma !== mb || !sameTag)
      changes.push({
        level: 'breaking',
        rule: 'client-method-moved',
        where,
        detail: `${a.raw.tags?.[0]}.${ma} -> ${b.raw.tags?.[0]}.${mb}`,
      });
    const removedKinds = [...a.kinds].filter((x) => !b.kinds.has(x));
    const addedKinds = [...b.kinds].filter((x) => !a.kinds.has(x));
    if (a.kinds.size === 0 && b.kinds.size > 0)
      changes.push({ level: 'breaking', rule: 'auth-required', where, detail: `now needs ${[...b.kinds].join(', ')}` });
    else if (removedKinds.length)
      changes.push({ level: 'breaking', rule: 'auth-kind-removed', where, detail: removedKinds.join(', ') });
    if (addedKinds.length && a.kinds.size > 0)
      changes.push({ level: 'minor', rule: 'auth-kind-added', where, detail: addedKinds.join(', ') });
    if ((a.raw['x-tago-envelope'] !== false) !== (b.raw['x-tago-envelope'] !== false))
      changes.push({ level: 'breaking', rule: 'envelope-changed', where, detail: 'envelope mode changed' });
    if ((a.raw['x-tago-pagination'] ?? 'none') !== (b.raw['x-tago-pagination'] ?? 'none'))
      changes.push({
        level: 'breaking',
        rule: 'pagination-changed',
        where,
        detail: `${a.raw['x-tago-pagination'] ?? 'none'} -> ${b.raw['x-tago-pagination'] ?? 'none'}`,
      });
    const pa = new Map(a.parameters.map((p) => [`${p.in}:${p.name}`, p]));
    const pb = new Map(b.parameters.map((p) => [`${p.in}:${p.name}`, p]));
    for (const [pk, p] of pa) {
      const q = pb.get(pk);
      if (!q)
        changes.push({
          level: 'breaking',
          rule: 'parameter-removed',
          where: `${where}(${p.name})`,
          detail: `${p.in} parameter removed`,
        });
      else {
        if (!p.required && q.required)
          changes.push({
            level: 'breaking',
            rule: 'parameter-now-required',
            where: `${where}(${p.name})`,
            detail: 'was optional',
          });
        compareSchemas(oldDoc, newDoc, p.schema ?? {}, q.schema ?? {}, 'request', `${where}(${p.name})`, changes);
      }
    }
    for (const [pk, q] of pb) {
      if (pa.has(pk)) continue;
      changes.push(
        q.required
          ? {
              level: 'breaking',
              rule: 'required-parameter-added',
              where: `${where}(${q.name})`,
              detail: `new required ${q.in} parameter`,
            }
          : {
              level: 'minor',
              rule: 'optional-parameter-added',
              where: `${where}(${q.name})`,
              detail: `new ${q.in} parameter`,
            },
      );
    }
    const ba = bodySchema(oldDoc, a);
    const bb = bodySchema(newDoc, b);
    if (!ba && bb?.required)
      changes.push({ level: 'breaking', rule: 'body-required', where, detail: 'now takes a required body' });
    else if (!ba && bb)
      changes.push({ level: 'minor', rule: 'body-added', where, detail: 'now takes an optional body' });
    else if (ba && !bb)
      changes.push({ level: 'breaking', rule: 'body-removed', where, detail: 'no longer takes a body' });
    else if (ba && bb) {
      if (!ba.required && bb.required)
        changes.push({ level: 'breaking', rule: 'body-required', where, detail: 'body now required' });
      compareSchemas(oldDoc, newDoc, ba.schema ?? {}, bb.schema ?? {}, 'request', `${where} body`, changes);
    }
    compareSchemas(
      oldDoc,
      newDoc,
      successSchema(oldDoc, a) ?? {},
      successSchema(newDoc, b) ?? {},
      'response',
      `${where} response`,
      changes,
    );
    if ((a.raw.description ?? '') !== (b.raw.description ?? '') || (a.raw.summary ?? '') !== (b.raw.summary ?? ''))
      changes.push({ level: 'patch', rule: 'docs-changed', where, detail: 'summary or description' });
    if (!a.raw.deprecated && b.raw.deprecated)
      changes.push({ level: 'minor', rule: 'operation-deprecated', where, detail: 'deprecated' });
  }
  for (const [k, b] of newOps)
    if (!oldOps.has(k)) changes.push({ level: 'minor', rule: 'operation-added', where: b.operationId ?? k, detail: k });
  return changes;
}

/** The bump the changes call for. */
export function suggestBump(changes) {
  if (changes.some((c) => c.level === 'breaking')) return 'major';
  if (changes.some((c) => c.level === 'minor')) return 'minor';
  return changes.length ? 'patch' : 'none';
}
