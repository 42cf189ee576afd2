// @ts-check
// Dictionaries: created, listed, edited and deleted with a profile token; their languages read by id or slug
// (with `fallback`), and the anonymous TagoRUN route that portal pages use before sign-in.
import { notFound, ok } from './answers.mjs';

/**
 * @typedef {object} StoredDictionary
 * @property {string} id
 * @property {string} name
 * @property {string} slug
 * @property {string} fallback  the locale answered when `fallback=true` and the asked one is missing
 * @property {Record<string, { strings: Record<string, string>, active: boolean }>} languages  by locale
 * @property {string} created_at
 * @property {string} updated_at
 */

/**
 * The store's dictionaries (a collection, so snapshots and fixtures carry them), id -> dictionary.
 * @param {import('../store.mjs').Store} store
 * @returns {Map<string, StoredDictionary>}
 */
const dictionariesOf = (store) => /** @type {any} */ (store.resources('dictionaries'));

/**
 * @param {import('../store.mjs').Store} store
 * @param {string} idOrSlug
 */
function find(store, idOrSlug) {
  const byId = dictionariesOf(store).get(idOrSlug);
  if (byId) return byId;
  for (const d of dictionariesOf(store).values()) if (d.slug === idOrSlug) return d;
  return undefined;
}

/**
 * One language of a dictionary, own keys only (a locale such as `constructor` is not a language).
 * @param {StoredDictionary} d
 * @param {string} code
 */
const languageOf = (d, code) => (Object.hasOwn(d.languages, code) ? d.languages[code] : undefined);

/** @param {StoredDictionary} d */
function publicDictionary(d) {
  return {
    id: d.id,
    name: d.name,
    slug: d.slug,
    fallback: d.fallback,
    languages: Object.entries(d.languages).map(([code, l]) => ({ code, active: l.active })),
    created_at: d.created_at,
    updated_at: d.updated_at,
  };
}

/**
 * The strings of one language, or of the fallback language when asked and the language is missing.
 * @param {StoredDictionary | undefined} d
 * @param {string} locale
 * @param {boolean} fallback
 */
function languageAnswer(d, locale, fallback) {
  if (!d) return notFound('Dictionary not found');
  const language = languageOf(d, locale) ?? (fallback ? languageOf(d, d.fallback) : undefined);
  return language ? undefined : notFound('Language not found');
}

/** @type {import('./answers.mjs').HandlerMap} */
export const DICTIONARY_HANDLERS = {
  listDictionaries(ctx) {
    const page = Number(ctx.query.page ?? 1);
    const amount = Number(ctx.query.amount ?? 20);
    const all = [...dictionariesOf(ctx.store).values()]
      .map(publicDictionary)
      .sort((a, b) => a.name.localeCompare(b.name));
    return ok(ctx.op, all.slice((page - 1) * amount, page * amount));
  },
  createDictionary(ctx) {
    const { name, slug, fallback } = ctx.body;
    // No source says whether TagoIO refuses a slug already in use; the emulator accepts it, and a read by slug
    // answers the dictionary created first.
    const now = new Date().toISOString();
    const id = ctx.store.nextId();
    dictionariesOf(ctx.store).set(id, {
      id,
      name,
      slug,
      fallback: fallback ?? 'en-US',
      languages: {},
      created_at: now,
      updated_at: now,
    });
    return ok(ctx.op, { dictionary: id });
  },
  getDictionary(ctx) {
    const d = find(ctx.store, ctx.pathParams.dictionaryID ?? '');
    return d ? ok(ctx.op, publicDictionary(d)) : notFound('Dictionary not found');
  },
  updateDictionary(ctx) {
    const d = dictionariesOf(ctx.store).get(ctx.pathParams.dictionaryID ?? '');
    if (!d) return notFound('Dictionary not found');
    for (const key of /** @type {const} */ (['name', 'slug', 'fallback'])) {
      if (typeof ctx.body[key] === 'string') d[key] = ctx.body[key];
    }
    d.updated_at = new Date().toISOString();
    return ok(ctx.op, 'Dictionary Successfully Updated');
  },
  deleteDictionary(ctx) {
    const gone = dictionariesOf(ctx.store).delete(ctx.pathParams.dictionaryID ?? '');
    return gone ? ok(ctx.op, 'Dictionary Successfully Removed') : notFound('Dictionary not found');
  },
  getDictionaryLanguage(ctx) {
    const d = find(ctx.store, ctx.pathParams.dictionaryID ?? '');
    const locale = ctx.pathParams.locale ?? '';
    const fallback = ctx.query.fallback === true;
    const missing = languageAnswer(d, locale, fallback);
    if (missing || !d) return missing;
    return ok(ctx.op, { ...(languageOf(d, locale) ?? languageOf(d, d.fallback))?.strings });
  },
  updateDictionaryLanguage(ctx) {
    const d = dictionariesOf(ctx.store).get(ctx.pathParams.dictionaryID ?? '');
    if (!d) return notFound('Dictionary not found');
    d.languages[ctx.pathParams.locale ?? ''] = { strings: { ...ctx.body.dictionary }, active: ctx.body.active ?? true };
    d.updated_at = new Date().toISOString();
    return ok(ctx.op, 'Dictionary language Successfully Updated');
  },
  deleteDictionaryLanguage(ctx) {
    const d = dictionariesOf(ctx.store).get(ctx.pathParams.dictionaryID ?? '');
    const locale = ctx.pathParams.locale ?? '';
    if (!d || !Object.hasOwn(d.languages, locale)) return notFound('Language not found');
    delete d.languages[locale];
    return ok(ctx.op, 'Dictionary language Successfully Removed');
  },
  getRunDictionaryLanguage(ctx) {
    // The emulator keeps one profile with one TagoRUN: any run address names it.
    const d = find(ctx.store, ctx.pathParams.slug ?? '');
    const locale = ctx.pathParams.language ?? '';
    // The portal route has no `fallback` parameter and its behaviour for a missing language is not documented:
    // the emulator answers the fallback language, as the token route does with `fallback=true`.
    const missing = languageAnswer(d, locale, true);
    if (missing || !d) return missing;
    return ok(ctx.op, { ...(languageOf(d, locale) ?? languageOf(d, d.fallback))?.strings });
  },
};
