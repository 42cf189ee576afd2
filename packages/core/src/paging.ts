import { TagoResponseParseError, TagoValidationError, type ErrorContext } from './errors.ts';

/**
 * Auto-pagination over TagoIO's three paging styles. Lists carry no total, so every iterator stops at the first
 * short (or empty) page. A server that ignores the page size cannot make an iterator spin: a page larger than
 * asked, or the same page twice in a row, ends it with a TagoResponseParseError (`paging_page_too_large`,
 * `paging_page_repeated`).
 */

/** `page`/`amount` lists (devices, dashboards, ...): pages start at 1. */
export async function* paginateByPage<T>(
  fetchPage: (page: number, amount: number) => Promise<readonly T[]>,
  options: { amount?: number; startPage?: number; maxPages?: number; context?: ErrorContext } = {},
): AsyncGenerator<T, void, undefined> {
  const amount = checkPageSize(options.amount ?? 20, 'amount', options.context);
  let page = checkWhole(options.startPage ?? 1, 'page', 1, options.context);
  const lastPage = options.maxPages === undefined ? Infinity : page + options.maxPages - 1;
  const guard = new PageGuard(options.context);
  while (page <= lastPage) {
    const rows = guard.check(await fetchPage(page, amount), amount);
    yield* rows;
    if (rows.length < amount) return;
    page++;
  }
}

/** `qty`/`skip` reads (data records). */
export async function* paginateBySkip<T>(
  fetchChunk: (skip: number, qty: number) => Promise<readonly T[]>,
  options: { qty?: number; startSkip?: number; maxItems?: number; context?: ErrorContext } = {},
): AsyncGenerator<T, void, undefined> {
  const qty = checkPageSize(options.qty ?? 1000, 'qty', options.context);
  let skip = checkWhole(options.startSkip ?? 0, 'skip', 0, options.context);
  let left = options.maxItems ?? Infinity;
  const guard = new PageGuard(options.context);
  while (left > 0) {
    const rows = guard.check(await fetchChunk(skip, qty), qty);
    for (const row of rows) {
      if (left-- <= 0) return;
      yield row;
    }
    if (rows.length < qty) return;
    skip += rows.length;
  }
}

/** Opaque-cursor lists (files, payment history): stop when no next cursor comes back. */
export async function* paginateByCursor<T>(
  fetchPage: (cursor: string | undefined) => Promise<{ items: readonly T[]; next: string | undefined }>,
): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined;
  const seen = new Set<string>();
  for (;;) {
    const { items, next } = await fetchPage(cursor);
    yield* items;
    // A cursor seen before would loop forever; stop instead.
    if (!next || seen.has(next)) return;
    seen.add(next);
    cursor = next;
  }
}

/** A page size as TagoIO reads it: a whole number >= 1; anything else is refused before sending. */
export function checkPageSize(value: unknown, field: string, context: ErrorContext = {}): number {
  return checkWhole(value, field, 1, context);
}

function checkWhole(value: unknown, field: string, min: number, context: ErrorContext = {}): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new TagoValidationError(`${field} must be a whole number >= ${min}`, 'paging_invalid', field, context);
  }
  return value;
}

/** Refuses pages larger than asked and a page identical to the one before it. */
class PageGuard {
  readonly #context: ErrorContext;
  #previous: string | undefined;
  constructor(context: ErrorContext = {}) {
    this.#context = context;
  }

  check<T>(rows: readonly T[], size: number): readonly T[] {
    if (rows.length > size) {
      throw new TagoResponseParseError(
        `The server answered ${rows.length} items for a page of ${size}; stopped, since it may not honour the page size`,
        'paging_page_too_large',
        200,
        '',
        this.#context,
      );
    }
    if (rows.length === 0) return rows;
    let text: string | undefined;
    try {
      text = JSON.stringify(rows);
    } catch {
      text = undefined; // too deep to compare: no repeat check for this page
    }
    if (text !== undefined && text === this.#previous) {
      throw new TagoResponseParseError(
        'The server answered the same page twice in a row; stopped, since it may ignore the page asked for',
        'paging_page_repeated',
        200,
        '',
        this.#context,
      );
    }
    this.#previous = text;
    return rows;
  }
}
