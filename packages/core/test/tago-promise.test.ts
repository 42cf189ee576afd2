import { describe, expect, it } from 'vitest';
import { TagoPromise, TagoValidationError, type TagoResponse } from '../src/index.js';

const answer = <T>(data: T): TagoResponse<T> => ({ data, warning: undefined, status: 200, headers: {}, attempts: 1 });

describe('TagoPromise', () => {
  it('starts the call on first use only, once, and shares it between await and withResponse()', async () => {
    let starts = 0;
    const promise = new TagoPromise(async () => {
      starts++;
      return answer({ id: 'a' });
    });
    expect(starts).toBe(0);
    await expect(promise).resolves.toEqual({ id: 'a' });
    await expect(promise.withResponse()).resolves.toMatchObject({ data: { id: 'a' }, status: 200, attempts: 1 });
    expect(starts).toBe(1);
  });

  it("hands the result to then's handler, and passes it through a handler that is not a function", async () => {
    const promise = new TagoPromise(async () => answer(42));
    await expect(promise.then((n) => n + 1)).resolves.toBe(43);
    // Promise#then ignores a handler that is not a function; so does TagoPromise.
    await expect(promise.then(123 as never)).resolves.toBe(42);
    await expect(promise.then(null)).resolves.toBe(42);
  });

  it('settles `await` one promise layer after the answer, like a plain promise chained once', async () => {
    const order: string[] = [];
    const promise = new TagoPromise(() => Promise.resolve(answer('tago')));
    const plain = Promise.resolve(answer('plain')).then((r) => r.data);
    const both = [promise.then((v) => order.push(v)), plain.then((v) => order.push(v))];
    await Promise.all(both);
    expect(order).toEqual(['tago', 'plain']);
  });

  it('rejects through then, catch and finally with the typed error of the call', async () => {
    const refused = new TagoValidationError('bad', 'args_invalid', 'args');
    const promise = new TagoPromise<number>(() => Promise.reject(refused));
    await expect(promise.then(undefined, (e) => e)).resolves.toBe(refused);
    await expect(promise.catch((e) => e)).resolves.toBe(refused);
    let ran = false;
    await expect(promise.finally(() => (ran = true))).rejects.toBe(refused);
    expect(ran).toBe(true);
  });
});
