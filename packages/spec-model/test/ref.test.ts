import { describe, expect, it } from 'vitest';
import { SpecLoadError } from '../src/errors.js';
import { pointerTokens, resolveRef } from '../src/ref.js';

const doc = {
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: { '/a/{b}': { get: { operationId: 'x' } } },
  components: {
    schemas: {
      A: { $ref: '#/components/schemas/B' },
      B: { $ref: '#/components/schemas/C' },
      C: { type: 'string' },
      Loop1: { $ref: '#/components/schemas/Loop2' },
      Loop2: { $ref: '#/components/schemas/Loop1' },
      Self: { $ref: '#/components/schemas/Self' },
      ToNothing: { $ref: '#/components/schemas/Nope' },
      'a/b~c': { type: 'integer' },
      '~1': { type: 'boolean' },
      'with space': { type: 'null' },
      Empty: {},
    },
  },
};

describe('pointerTokens', () => {
  it('splits a local reference into decoded keys', () => {
    expect(pointerTokens('#/components/schemas/a~1b~0c')).toEqual(['components', 'schemas', 'a/b~c']);
    expect(pointerTokens('#')).toEqual([]);
  });

  it('decodes ~01 as ~1, not as / (~1 is decoded before ~0)', () => {
    expect(pointerTokens('#/components/schemas/~01')).toEqual(['components', 'schemas', '~1']);
  });

  it('percent-decodes the fragment before reading the pointer', () => {
    expect(pointerTokens('#/components/schemas/with%20space')).toEqual(['components', 'schemas', 'with space']);
    expect(pointerTokens('#/paths/~1a~1%7Bb%7D')).toEqual(['paths', '/a/{b}']);
  });

  it('refuses a bad percent-encoding, naming the reference', () => {
    expect(() => pointerTokens('#/components/schemas/%E0%A4%A')).toThrow(
      new SpecLoadError('Reference #/components/schemas/%E0%A4%A is not a valid URI fragment (bad percent-encoding)'),
    );
  });
});

describe('resolveRef', () => {
  it('follows a chain of references to the target', () => {
    expect(resolveRef(doc, { $ref: '#/components/schemas/A' })).toEqual({ type: 'string' });
  });

  it('returns a node without $ref unchanged', () => {
    const node = { type: 'object' };
    expect(resolveRef(doc, node)).toBe(node);
    expect(resolveRef(doc, undefined)).toBeUndefined();
    expect(resolveRef(doc, 'text')).toBe('text');
  });

  it('resolves to an empty schema, which is a target', () => {
    expect(resolveRef(doc, { $ref: '#/components/schemas/Empty' })).toEqual({});
  });

  it('decodes ~1, ~0 and percent-encoding on the way', () => {
    expect(resolveRef(doc, { $ref: '#/components/schemas/a~1b~0c' })).toEqual({ type: 'integer' });
    expect(resolveRef(doc, { $ref: '#/components/schemas/~01' })).toEqual({ type: 'boolean' });
    expect(resolveRef(doc, { $ref: '#/components/schemas/with%20space' })).toEqual({ type: 'null' });
    expect(resolveRef(doc, { $ref: '#/paths/~1a~1%7Bb%7D/get' })).toEqual({ operationId: 'x' });
  });

  it('refuses remote and relative references', () => {
    expect(() => resolveRef(doc, { $ref: 'other.yaml#/A' })).toThrow(
      new SpecLoadError('Only local references are supported, found other.yaml#/A (bundle the spec first)'),
    );
    expect(() => resolveRef(doc, { $ref: 'https://example.com/s.json#/A' })).toThrow(
      new SpecLoadError(
        'Only local references are supported, found https://example.com/s.json#/A (bundle the spec first)',
      ),
    );
  });

  it('refuses a cycle, naming every reference of the chain', () => {
    expect(() => resolveRef(doc, { $ref: '#/components/schemas/Loop1' })).toThrow(
      new SpecLoadError(
        'Reference cycle: #/components/schemas/Loop1 -> #/components/schemas/Loop2 -> #/components/schemas/Loop1',
      ),
    );
    expect(() => resolveRef(doc, { $ref: '#/components/schemas/Self' })).toThrow(
      new SpecLoadError('Reference cycle: #/components/schemas/Self -> #/components/schemas/Self'),
    );
  });

  it('names a missing target, and the references that led to it', () => {
    expect(() => resolveRef(doc, { $ref: '#/components/schemas/Nope' })).toThrow(
      new SpecLoadError('Unresolved reference #/components/schemas/Nope'),
    );
    expect(() => resolveRef(doc, { $ref: '#/components/schemas/ToNothing' })).toThrow(
      new SpecLoadError(
        'Unresolved reference #/components/schemas/Nope (reached through #/components/schemas/ToNothing)',
      ),
    );
  });

  it('does not take inherited properties for targets', () => {
    expect(() => resolveRef(doc, { $ref: '#/components/schemas/constructor' })).toThrow(
      new SpecLoadError('Unresolved reference #/components/schemas/constructor'),
    );
    expect(() => resolveRef(doc, { $ref: '#/components/schemas/C/type/length' })).toThrow(
      new SpecLoadError('Unresolved reference #/components/schemas/C/type/length'),
    );
  });
});
