// @ts-check
// How TagoIO answers a resource list (`GET /device`, `/dashboard`, `/action`, ...): `filter` narrows the rows,
// `orderBy` sorts them, `page` and `amount` cut one page, and `fields` projects each row (its `id` always stays).
import { wildcardMatch } from './wildcard.mjs';

/** @typedef {Record<string, unknown>} Row */

/**
 * Whether a row's tags hold every wanted `{key, value}` (either side may be left out).
 * @param {unknown} tags
 * @param {unknown[]} wanted
 */
function hasTags(tags, wanted) {
  const list = Array.isArray(tags) ? tags : [];
  return wanted.every((w) => {
    const want = /** @type {{ key?: unknown, value?: unknown }} */ (w ?? {});
    const fits = (/** @type {any} */ t) =>
      (want.key === undefined || t?.key === want.key) && (want.value === undefined || t?.value === want.value);
    return list.some(fits);
  });
}

/**
 * Whether a row meets one filter condition: a wildcard on text (`sensor*`), tags by key and value, otherwise the
 * same value (compared as text, since the query arrives as text).
 * @param {Row} row
 * @param {string} field
 * @param {unknown} wanted
 */
function meets(row, field, wanted) {
  const value = row[field];
  if (field === 'tags' && Array.isArray(wanted)) return hasTags(value, wanted);
  if (typeof wanted === 'string' && typeof value === 'string') return wildcardMatch(wanted, value);
  if (wanted === null || typeof wanted !== 'object') return String(value) === String(wanted);
  return false;
}

/**
 * One page of rows as the list routes answer it.
 * @param {Row[]} rows  every row, each with an `id`
 * @param {Record<string, any>} query  the list's validated query (`page`, `amount`, `fields`, `filter`, `orderBy`)
 * @param {{ defaultFields: string[], defaultOrder?: string }} defaults  what TagoIO answers without `fields`/`orderBy`
 * @returns {Row[]}
 */
export function listPage(rows, query, { defaultFields, defaultOrder = 'name,asc' }) {
  const filter = query.filter && typeof query.filter === 'object' ? query.filter : {};
  const kept = rows.filter((row) => Object.entries(filter).every(([field, wanted]) => meets(row, field, wanted)));
  const [field = 'name', direction] = String(query.orderBy ?? defaultOrder).split(',');
  /** @param {Row} row */
  const sortKey = (row) => String(row[field] ?? '');
  kept.sort((a, b) => sortKey(a).localeCompare(sortKey(b)) * (direction === 'desc' ? -1 : 1));
  const page = Number(query.page ?? 1);
  const amount = Number(query.amount ?? 20);
  const fields = Array.isArray(query.fields) ? query.fields.map(String) : defaultFields;
  return kept.slice((page - 1) * amount, page * amount).map((row) => {
    /** @type {Row} */
    const out = { id: row.id };
    for (const k of fields) if (row[k] !== undefined) out[k] = row[k];
    return out;
  });
}
