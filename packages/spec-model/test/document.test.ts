import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkDocument, loadSpec } from '../src/document.js';
import { SpecLoadError } from '../src/errors.js';

const fixture = (name: string) => join(fileURLToPath(new URL('./fixtures/', import.meta.url)), name);

/** Runs fn and returns the error it throws (fails the test when it does not throw). */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('loadSpec', () => {
  it('refuses a file that is not JSON, saying how to bundle it', () => {
    const file = fixture('not-json.yaml');
    const error = thrown(() => loadSpec(file));
    expect(error).toBeInstanceOf(SpecLoadError);
    expect(error.name).toBe('SpecLoadError');
    expect(error.message.startsWith(`${file} is not JSON (bundle the spec first with \`pnpm spec:bundle\`): `)).toBe(
      true,
    );
  });

  it('refuses a file that does not exist', () => {
    const file = fixture('missing.json');
    const error = thrown(() => loadSpec(file));
    expect(error).toBeInstanceOf(SpecLoadError);
    expect(error.message.startsWith(`Cannot read the spec at ${file}: ENOENT`)).toBe(true);
  });

  it('refuses OpenAPI 3.0', () => {
    const file = fixture('openapi-3.0.json');
    expect(() => loadSpec(file)).toThrow(new SpecLoadError(`${file} must be OpenAPI 3.1 (found "3.0.3")`));
  });

  it('refuses a document without paths', () => {
    const file = fixture('no-paths.json');
    expect(() => loadSpec(file)).toThrow(new SpecLoadError(`${file} has no paths`));
  });

  it('loads the real bundle', () => {
    const doc = loadSpec(fileURLToPath(new URL('../../../specs/dist/tagoio.openapi.json', import.meta.url)));
    expect(doc.openapi.startsWith('3.1')).toBe(true);
    expect(doc.info.version).toBe('3.0.0');
  });
});

describe('checkDocument', () => {
  it('names the source in every message', () => {
    expect(() => checkDocument(null)).toThrow('the spec is not an object');
    expect(() => checkDocument('text', 'x.json')).toThrow('x.json is not an object');
    expect(() => checkDocument({ info: { version: '1' }, paths: {} })).toThrow(
      'the spec must be OpenAPI 3.1 (found undefined)',
    );
    expect(() => checkDocument({ openapi: '3.1.0', paths: {} })).toThrow('the spec has no info.version');
    expect(() => checkDocument({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: 'no' })).toThrow(
      'the spec has no paths',
    );
  });

  it('accepts a minimal 3.1 document and returns it as is', () => {
    const doc = { openapi: '3.1.1', info: { title: 't', version: '1' }, paths: {} };
    expect(checkDocument(doc)).toBe(doc);
  });
});
