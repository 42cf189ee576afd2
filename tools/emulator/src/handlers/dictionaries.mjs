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
 * @property {Map<string, { strings: Record<string, string>, active: boolean }>} languages
 * @property {string} created_at
 * @property {string} updated_at
 */

/** The run address the anonymous route answers for (`GET /dictionary/{runURL}/...`). */
export const EMULATOR_RUN_URL = 'emulator';

/**
 * @param {import('../store.mjs').Store} store
 * @param {string} idOrSlug
 */
function find(store, idOrSlug) {
  const byId = store.dictionaries.get(idOrSlug);
  if (byId) return byId;
  for (const d of store.dictionaries.values()) if (d.slug === idOrSlug) return d;
  return undefined;
}

/** @param {StoredDictionary} d */
function publicDictionary(d) {
  return {
    id: d.id,
    name: d.name,
    slug: d.slug,
    fallback: d.fallback,
    languages: [...d.languages].map(([code, l]) => ({ code, active: l.active })),
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
  const language = d.languages.get(locale) ?? (fallback ? d.languages.get(d.fallback) : undefined);
  return language ? undefined : notFound('Language not found');
}

/** @type {import('./answers.mjs').HandlerMap} */
export const DICTIONARY_HANDLERS = {
  listDictionaries(ctx) {
    const page = Number(ctx.query.page ?? 1);
    const amount = Number(ctx.query.amount ?? 20);
    const all = [...ctx.store.dictionaries.values()].map(publicDictionary).sort((a, b) => a.name.localeCompare(b.name));
    return ok(ctx.op, all.slice((page - 1) * amount, page * amount));
  },
  createDictionary(ctx) {
    const { name, slug, fallback } = ctx.body;
    for (const d of ctx.store.dictionaries.values()) {
      if (d.slug === slug) return { status: 400, body: { status: false, message: 'Slug already in use' } };
    }
    const now = new Date().toISOString();
    const id = ctx.store.nextId();
    ctx.store.dictionaries.set(id, {
      id, name, slug, fallback: fallback ?? 'en-US', languages: new Map(), created_at: now, updated_at: now,
    });
    return ok(ctx.op, { dictionary: id });
  },
  getDictionary(ctx) {
    const d = find(ctx.store, ctx.pathParams.dictionaryID ?? '');
    return d ? ok(ctx.op, publicDictionary(d)) : notFound('Dictionary not found');
  },
  updateDictionary(ctx) {
    const d = ctx.store.dictionaries.get(ctx.pathParams.dictionaryID ?? '');
    if (!d) return notFound('Dictionary not found');
    for (const key of /** @type {const} */ (['name', 'slug', 'fallback'])) {
      if (typeof ctx.body[key] === 'string') d[key] = ctx.body[key];
    }
    d.updated_at = new Date().toISOString();
    return ok(ctx.op, 'Dictionary Successfully Updated');
  },
  deleteDictionary(ctx) {
    const gone = ctx.store.dictionaries.delete(ctx.pathParams.dictionaryID ?? '');
    return gone ? ok(ctx.op, 'Dictionary Successfully Removed') : notFound('Dictionary not found');
  },
  getDictionaryLanguage(ctx) {
    const d = find(ctx.store, ctx.pathParams.dictionaryID ?? '');
    const locale = ctx.pathParams.locale ?? '';
    const fallback = ctx.query.fallback === true;
    const missing = languageAnswer(d, locale, fallback);
    if (missing || !d) return missing;
    return ok(ctx.op, { ...(d.languages.get(locale) ?? d.languages.get(d.fallback))?.strings });
  },
  updateDictionaryLanguage(ctx) {
    const d = ctx.store.dictionaries.get(ctx.pathParams.dictionaryID ?? '');
    if (!d) return notFound('Dictionary not found');
    d.languages.set(ctx.pathParams.locale ?? '', { strings: { ...ctx.body.dictionary }, active: ctx.body.active ?? true });
    d.updated_at = new Date().toISOString();
    return ok(ctx.op, 'Dictionary language Successfully Updated');
  },
  deleteDictionaryLanguage(ctx) {
    const d = ctx.store.dictionaries.get(ctx.pathParams.dictionaryID ?? '');
    if (!d?.languages.delete(ctx.pathParams.locale ?? '')) return notFound('Language not found');
    return ok(ctx.op, 'Dictionary language Successfully Removed');
  },
  getRunDictionaryLanguage(ctx) {
    if (ctx.pathParams.runURL !== EMULATOR_RUN_URL) return notFound('Run not found');
    const d = find(ctx.store, ctx.pathParams.slug ?? '');
    const locale = ctx.pathParams.language ?? '';
    // The portal route has no `fallback` parameter and its behaviour for a missing language is not documented:
    // the emulator answers the fallback language, as the token route does with `fallback=true`.
    const missing = languageAnswer(d, locale, true);
    if (missing || !d) return missing;
    return ok(ctx.op, { ...(d.languages.get(locale) ?? d.languages.get(d.fallback))?.strings });
  },
};
