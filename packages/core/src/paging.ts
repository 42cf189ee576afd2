/**
 * Auto-pagination over TagoIO's three paging styles. Lists carry no total, so every iterator stops at the first
 * short (or empty) page.
 */

/** `page`/`amount` lists (devices, dashboards, ...): pages start at 1. */
export async function* paginateByPage<T>(
  fetchPage: (page: number, amount: number) => Promise<readonly T[]>,
  options: { amount?: number; startPage?: number; maxPages?: number } = {},
): AsyncGenerator<T, void, undefined> {
  const amount = options.amount ?? 20;
  let page = options.startPage ?? 1;
  const lastPage = options.maxPages === undefined ? Infinity : page + options.maxPages - 1;
  while (page <= lastPage) {
    const rows = await fetchPage(page, amount);
    yield* rows;
    if (rows.length < amount) return;
    page++;
  }
}

/** `qty`/`skip` reads (data records). */
export async function* paginateBySkip<T>(
  fetchChunk: (skip: number, qty: number) => Promise<readonly T[]>,
  options: { qty?: number; startSkip?: number; maxItems?: number } = {},
): AsyncGenerator<T, void, undefined> {
  const qty = options.qty ?? 1000;
  let skip = options.startSkip ?? 0;
  let left = options.maxItems ?? Infinity;
  while (left > 0) {
    const rows = await fetchChunk(skip, qty);
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
