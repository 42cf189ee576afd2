import { describe, expect, it } from 'vitest';
import { paginateByCursor, paginateByPage, paginateBySkip } from '../src/index.js';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('paging', () => {
  it('walks page/amount lists until a short page', async () => {
    const calls: number[] = [];
    const rows = await collect(
      paginateByPage(
        async (page, amount) => {
          calls.push(page);
          const all = Array.from({ length: 45 }, (_, i) => i);
          return all.slice((page - 1) * amount, page * amount);
        },
        { amount: 20 },
      ),
    );
    expect(rows).toEqual(Array.from({ length: 45 }, (_, i) => i));
    expect(calls).toEqual([1, 2, 3]);
  });

  it('asks once more after an exactly full last page and stops on the empty one', async () => {
    const calls: number[] = [];
    const rows = await collect(
      paginateByPage(async (page) => (calls.push(page), page <= 2 ? [page, page] : []), { amount: 2 }),
    );
    expect(rows).toEqual([1, 1, 2, 2]);
    expect(calls).toEqual([1, 2, 3]);
  });

  it('honours maxPages', async () => {
    const rows = await collect(paginateByPage(async (page) => [page], { amount: 1, maxPages: 3 }));
    expect(rows).toEqual([1, 2, 3]);
  });

  it('walks qty/skip reads and stops at maxItems', async () => {
    const skips: number[] = [];
    const rows = await collect(
      paginateBySkip(
        async (skip, qty) => {
          skips.push(skip);
          return Array.from({ length: Math.max(0, Math.min(qty, 25 - skip)) }, (_, i) => skip + i);
        },
        { qty: 10 },
      ),
    );
    expect(rows).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(skips).toEqual([0, 10, 20]);
    const few = await collect(
      paginateBySkip(async (skip, qty) => Array.from({ length: qty }, (_, i) => skip + i), { qty: 10, maxItems: 12 }),
    );
    expect(few).toHaveLength(12);
  });

  it('follows cursors and stops on a repeated one', async () => {
    const rows = await collect(
      paginateByCursor<string>(async (cursor) => {
        if (!cursor) return { items: ['a'], next: 'c1' };
        if (cursor === 'c1') return { items: ['b'], next: 'c2' };
        return { items: ['c'], next: 'c1' };
      }),
    );
    expect(rows).toEqual(['a', 'b', 'c']);
  });
});
