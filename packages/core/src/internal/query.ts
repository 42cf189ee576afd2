import { TagoValidationError } from '../errors.ts';

/** A value the query serializer accepts. */
export type QueryValue =
  | string
  | number
  | boolean
  | Date
  | null
  | undefined
  | readonly QueryValue[]
  | { readonly [key: string]: QueryValue };

/** Turns a call's query into the text after `?` (serializeQuery is the one every client uses). */
export type QueryEncoder = (query: Readonly<Record<string, QueryValue>>) => string;

/**
 * Serializes a query object the way TagoIO reads it (the `qs` convention of its official SDK): arrays with
 * indexed brackets (`fields[0]=id`), objects with named brackets (`filter[name]=x`, `filter[tags][0][key]=k`),
 * Dates as ISO strings. `undefined` and empty arrays or objects are left out; `null` is sent as an empty value.
 * Brackets stay readable; everything else is percent-encoded.
 */
export function serializeQuery(query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (!query) return '';
  // One growing string rather than a parts array and a join: a call's query is a few keys.
  let text = '';
  for (const key of Object.keys(query)) text = append(text, encode(key, key), query[key], key);
  return text;
}

/** `text` with `key=value` (or the pairs of a nested value) added, `&`-separated. */
function append(text: string, key: string, value: QueryValue, path: string): string {
  if (value === undefined) return text;
  if (value === null) return pair(text, key, '');
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      throw new TagoValidationError(`Query parameter "${path}" is an invalid Date`, 'query_invalid_value', path);
    }
    return pair(text, key, encode(value.toISOString(), path));
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      text = append(text, `${key}[${i}]`, value[i] as QueryValue, `${path}[${i}]`);
    }
    return text;
  }
  if (typeof value === 'object') {
    for (const sub of Object.keys(value)) {
      text = append(
        text,
        `${key}[${encode(sub, `${path}[${sub}]`)}]`,
        (value as Record<string, QueryValue>)[sub],
        `${path}[${sub}]`,
      );
    }
    return text;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new TagoValidationError(`Query parameter "${path}" must be a finite number`, 'query_invalid_value', path);
    }
    return pair(text, key, String(value));
  }
  if (typeof value === 'string' || typeof value === 'boolean') return pair(text, key, encode(String(value), path));
  throw new TagoValidationError(
    `Query parameter "${path}" has an unsupported type (${typeof value})`,
    'query_invalid_value',
    path,
  );
}

function pair(text: string, key: string, value: string): string {
  return text === '' ? `${key}=${value}` : `${text}&${key}=${value}`;
}

/** Percent-encodes a key or value; a lone surrogate (not valid Unicode) is a typed error, not a raw URIError. */
function encode(text: string, path: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    throw new TagoValidationError(
      `Query parameter "${path}" contains a lone surrogate (not valid Unicode)`,
      'query_invalid_value',
      path,
    );
  }
}

type Parsed = string | Parsed[] | { [key: string]: Parsed };

/**
 * Reads a query string in the same convention back into nested objects and arrays (values stay strings).
 * Used by tests and by the emulator; `a[0]=x&a[1]=y` becomes `{a: ['x', 'y']}`.
 */
export function parseQuery(query: string): Record<string, Parsed> {
  const out: Record<string, Parsed> = {};
  const text = query.startsWith('?') ? query.slice(1) : query;
  if (!text) return out;
  for (const pair of text.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const value = decode(eq < 0 ? '' : pair.slice(eq + 1));
    const segments = splitKey(rawKey);
    if (segments.length === 0) continue;
    let node: Record<string, Parsed> | Parsed[] = out;
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i] as string;
      const last = i === segments.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(segments[i + 1] as string);
      const container = node as Record<string, Parsed>;
      if (last) {
        setOwn(container, seg, value);
      } else {
        // Own properties only: keys such as `valueOf` or `__proto__` must not reach the prototype.
        const existing = Object.hasOwn(container, seg) ? container[seg] : undefined;
        if (existing === undefined || typeof existing === 'string') setOwn(container, seg, nextIsIndex ? [] : {});
        node = container[seg] as Record<string, Parsed> | Parsed[];
      }
    }
  }
  return out;
}

function setOwn(target: Record<string, Parsed>, key: string, value: Parsed): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function splitKey(rawKey: string): string[] {
  const key = rawKey.replace(/%5B/gi, '[').replace(/%5D/gi, ']');
  const open = key.indexOf('[');
  if (open < 0) return [decode(key)];
  const segments = [decode(key.slice(0, open))];
  const re = /\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  const rest = key.slice(open);
  for (m = re.exec(rest); m !== null; m = re.exec(rest)) segments.push(decode(m[1] as string));
  return segments;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
