// Resolves dictionary expressions against TagoIO, with a cache: the token route (`GET /dictionary/{slug}/{lang}
// ?fallback=true`, profile or analysis token) or, for TagoRUN pages and custom widgets before sign-in, the anonymous
// run route (`GET /dictionary/{runURL}/{slug}/{lang}`).
import { NotFoundError, TagoValidationError } from '@tagokit/core';
import { type OperationContext } from '@tagokit/core/internal';
import { getDictionaryLanguage, getRunDictionaryLanguage } from '@tagokit/api/functions';
import { applyDictionary, parseDictionaryExpressions } from './dictionary-expressions.ts';

/** Key -> text of one dictionary in one language. */
export type DictionaryStrings = Readonly<Record<string, string>>;

/** Where fetched languages are kept; a Map works. Entries carry their own expiry. */
export interface DictionaryCache {
  get(key: string): DictionaryCacheEntry | undefined;
  set(key: string, entry: DictionaryCacheEntry): unknown;
  delete(key: string): unknown;
}

export interface DictionaryCacheEntry {
  /** The strings, or `null` when the dictionary or language does not exist (so a missing slug is asked once). */
  readonly strings: DictionaryStrings | null;
  readonly expiresAt: number;
}

export interface DictionaryResolverOptions {
  /** Language asked for when a call names none, e.g. `en-US` (the default) or `pt-BR`. */
  language?: string;
  /**
   * The TagoRUN address (`myportal.run.tago.io` style subdomain id), to read the run's dictionaries without a token.
   * Without it the client's token is used.
   */
  runUrl?: string;
  /** How long a fetched language is reused, ms; 1 hour by default, as TagoIO's own widgets do. 0 = no cache. */
  ttlMs?: number;
  /** A cache shared between resolvers (for example one per widget page); a private Map by default. */
  cache?: DictionaryCache;
  /** The clock, for tests. */
  now?: () => number;
}

export interface DictionaryResolver {
  /** Replaces every expression of `text`; unknown slugs and keys stay as written. */
  apply(text: string, options?: { language?: string }): Promise<string>;
  /** The strings of one dictionary (slug or id) in one language, or `null` when it does not exist. */
  strings(slug: string, language?: string): Promise<DictionaryStrings | null>;
  /** Forgets every cached language of this resolver's cache. */
  clear(): void;
}

const LANGUAGE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/**
 * A dictionary resolver for a client. Concurrent asks for the same language share one request; a language that
 * does not exist (404) is remembered as missing for the TTL; any other failure (token, network, 5xx) rejects with
 * the client's typed error and is not cached — unlike the official SDK, which turns every failure into the raw
 * expression and so hides an expired token behind untranslated text.
 */
export function createDictionaryResolver(
  client: OperationContext,
  options: DictionaryResolverOptions = {},
): DictionaryResolver {
  const language = checkLanguage(options.language ?? 'en-US', 'language');
  const ttlMs = options.ttlMs ?? 3_600_000;
  if (!Number.isFinite(ttlMs) || ttlMs < 0) {
    throw new TagoValidationError(
      `ttlMs must be a number of milliseconds >= 0, got ${String(ttlMs)}`,
      'invalid_option',
      'ttlMs',
    );
  }
  const runUrl = options.runUrl;
  if (runUrl !== undefined && (typeof runUrl !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(runUrl))) {
    throw new TagoValidationError(
      `runUrl must be the run's address such as "myportal", got ${JSON.stringify(runUrl)}`,
      'invalid_option',
      'runUrl',
    );
  }
  const cache: DictionaryCache = options.cache ?? new Map<string, DictionaryCacheEntry>();
  const now = options.now ?? Date.now;
  const inFlight = new Map<string, Promise<DictionaryStrings | null>>();
  const cacheKeys = new Set<string>();

  async function fetchStrings(slug: string, lang: string): Promise<DictionaryStrings | null> {
    try {
      const answer =
        runUrl === undefined
          ? await getDictionaryLanguage(client, { dictionaryID: slug, locale: lang, fallback: true })
          : await getRunDictionaryLanguage(client, { runURL: runUrl, slug, language: lang });
      return toStrings(answer);
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  function strings(slug: string, lang = language): Promise<DictionaryStrings | null> {
    if (typeof slug !== 'string' || slug === '') {
      return Promise.reject(new TagoValidationError('slug must be a non-empty string', 'invalid_argument', 'slug'));
    }
    const checked = checkLanguage(lang, 'language');
    const key = `${runUrl ?? ''}\u0000${slug}\u0000${checked}`;
    const cached = cache.get(key);
    if (cached && cached.expiresAt > now()) return Promise.resolve(cached.strings);
    const pending = inFlight.get(key);
    if (pending) return pending;
    const request = fetchStrings(slug, checked).then(
      (value) => {
        inFlight.delete(key);
        if (ttlMs > 0) {
          cache.set(key, { strings: value, expiresAt: now() + ttlMs });
          cacheKeys.add(key);
        }
        return value;
      },
      (error: unknown) => {
        inFlight.delete(key);
        throw error;
      },
    );
    inFlight.set(key, request);
    return request;
  }

  async function apply(text: string, applyOptions: { language?: string } = {}): Promise<string> {
    if (typeof text !== 'string') {
      throw new TagoValidationError(`text must be a string, got ${typeof text}`, 'invalid_argument', 'text');
    }
    const lang = applyOptions.language ?? language;
    const slugs = [...new Set(parseDictionaryExpressions(text).map((e) => e.slug))];
    if (slugs.length === 0) return text;
    const fetched = new Map(await Promise.all(slugs.map(async (slug) => [slug, await strings(slug, lang)] as const)));
    return applyDictionary(text, (slug, key) => {
      const table = fetched.get(slug);
      return table && Object.hasOwn(table, key) ? table[key] : undefined;
    });
  }

  function clear(): void {
    for (const key of cacheKeys) cache.delete(key);
    cacheKeys.clear();
  }

  return { apply, strings, clear };
}

function checkLanguage(value: unknown, field: string): string {
  if (typeof value !== 'string' || !LANGUAGE.test(value)) {
    throw new TagoValidationError(
      `${field} must be a locale code such as "en-US", got ${JSON.stringify(value)}`,
      'invalid_option',
      field,
    );
  }
  return value;
}

/**
 * The answer's strings. The spec and TagoIO's own SDK tests answer a bare key -> text map; the SDK's types and its
 * resolver read `{ dictionary: { KEY: text }, active }`. Keys are upper case, so a lower-case `dictionary` object
 * can only be the wrapped form: both are read. Anything else is refused rather than half-used.
 */
function toStrings(answer: unknown): DictionaryStrings {
  if (!answer || typeof answer !== 'object' || Array.isArray(answer)) {
    throw new TagoValidationError('the dictionary answer is not a key -> text map', 'invalid_response', 'dictionary');
  }
  const wrapped = (answer as { dictionary?: unknown }).dictionary;
  const table = wrapped && typeof wrapped === 'object' && !Array.isArray(wrapped) ? wrapped : answer;
  const out: Record<string, string> = Object.create(null);
  for (const [key, text] of Object.entries(table)) if (typeof text === 'string') out[key] = text;
  return out;
}
