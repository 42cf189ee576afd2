import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuery, serializeQuery, TagoValidationError, type QueryValue } from '../src/internal/index.js';

describe('serializeQuery / parseQuery', () => {
  it('parses the TagoIO forms back', () => {
    expect(
      parseQuery('fields[0]=id&fields[1]=name&filter[tags][0][key]=k&filter[tags][0][value]=v&orderBy=name%2Casc'),
    ).toEqual({
      fields: ['id', 'name'],
      filter: { tags: [{ key: 'k', value: 'v' }] },
      orderBy: 'name,asc',
    });
  });

  it('accepts percent-encoded brackets as qs sends them', () => {
    expect(parseQuery('fields%5B0%5D=id')).toEqual({ fields: ['id'] });
  });

  it('names the bad parameter', () => {
    expect(() => serializeQuery({ filter: { when: new Date('nope') } })).toThrow(TagoValidationError);
    expect(() => serializeQuery({ filter: { when: new Date('nope') } })).toThrow('filter[when]');
  });

  // Keys and leaf strings are arbitrary (unicode, reserved characters); leaves are strings because a query string
  // carries no types. Empty arrays/objects are left out by design, so the generator avoids them.
  const key = fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !/[[\]]/.test(k) && !/^\d+$/.test(k));
  const leaf = fc.string({ maxLength: 12 });
  const tree: fc.Arbitrary<QueryValue> = fc.letrec<{ node: QueryValue }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(tie('node'), { minLength: 1, maxLength: 4 }),
      fc.dictionary(key, tie('node'), { minKeys: 1, maxKeys: 4 }),
    ),
  })).node;

  it('round-trips nested objects and arrays (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(key, tree, { minKeys: 1, maxKeys: 5 }), (query) => {
        expect(parseQuery(serializeQuery(query))).toEqual(query);
      }),
      { numRuns: 1000, seed: 11 },
    );
  });

  it('never emits raw reserved characters inside values (property)', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const text = serializeQuery({ v: value });
        expect(text.slice(2)).not.toMatch(/[&=#?\s]/);
      }),
      { numRuns: 500, seed: 5 },
    );
  });
});

describe('parseQuery safety', () => {
  it('keeps prototype names as plain keys', () => {
    const parsed = parseQuery('__proto__[polluted]=1&valueOf[0]=x&constructor=y');
    expect(Object.getOwnPropertyNames(parsed).sort()).toEqual(['__proto__', 'constructor', 'valueOf']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(parsed['valueOf']).toEqual(['x']);
  });
});
