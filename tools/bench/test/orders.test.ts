import { describe, expect, it } from 'vitest';
import { balancedOrders } from '../lib/throughput.mjs';

describe('balancedOrders (the throughput rounds)', () => {
  it.each([2, 3, 4, 5, 6])('for %i clients: each follows every other, and takes every place, equally often', (n) => {
    const orders: number[][] = balancedOrders(n);
    expect(orders).toHaveLength(n % 2 ? 2 * n : n);
    const follows = new Map<string, number>();
    const places = new Map<string, number>();
    for (const order of orders) {
      expect([...order].sort((a, b) => a - b)).toEqual([...Array(n).keys()]);
      order.forEach((client, place) => {
        places.set(`${client}@${place}`, (places.get(`${client}@${place}`) ?? 0) + 1);
        if (place > 0)
          follows.set(`${order[place - 1]}>${client}`, (follows.get(`${order[place - 1]}>${client}`) ?? 0) + 1);
      });
    }
    // Every ordered pair of two different clients, the same number of times; every client in every place alike.
    expect(follows.size).toBe(n * (n - 1));
    expect(new Set(follows.values()).size).toBe(1);
    expect(places.size).toBe(n * n);
    expect(new Set(places.values()).size).toBe(1);
  });
});
