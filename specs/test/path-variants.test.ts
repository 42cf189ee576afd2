// Trailing-slash forms of routes are described as path variants (see redocly.yaml, `no-path-trailing-slash`):
// a path ending in `/` holds only operations marked `x-tago-path-variant-of`, each the same operation as the one it
// names on the path without the slash, apart from its own id and note. Nothing else may end in a slash.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bundle = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'dist', 'tagoio.openapi.json'), 'utf8'));
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const slashed = Object.keys(bundle.paths).filter((p) => p.endsWith('/'));

/** The variant's operation without what a variant may change. */
const comparable = (op: Record<string, unknown>) => {
  const { operationId: _id, 'x-tago-notes': _notes, 'x-tago-path-variant-of': _of, ...rest } = op;
  return rest;
};

describe('trailing-slash path variants', () => {
  it('are the routes the official SDK sends with a slash (14 operations on 10 paths)', () => {
    const routesOf = (p: string) => METHODS.filter((m) => bundle.paths[p][m]).map((m) => `${m.toUpperCase()} ${p}`);
    const routes = slashed.flatMap(routesOf);
    expect(routes.sort()).toEqual([
      'DELETE /account/payment_method/',
      'GET /account/payment_history/',
      'GET /account/payment_method/',
      'GET /analysis/',
      'GET /integration/connector/',
      'GET /integration/network/',
      'GET /notification/',
      'POST /account/payment_method/',
      'POST /account/plan/',
      'POST /dashboard/{dashboardID}/widget/',
      'POST /integration/connector/',
      'POST /integration/network/',
      'POST /profile/',
      'POST /run/notification/',
    ]);
  });

  it.each(slashed)('%s repeats its canonical operations exactly', (path) => {
    const canonical = bundle.paths[path.slice(0, -1)];
    expect(canonical, `${path} has no canonical path`).toBeDefined();
    expect(bundle.paths[path].parameters).toEqual(canonical.parameters);
    for (const method of METHODS) {
      const variant = bundle.paths[path][method];
      if (!variant) continue;
      const of = variant['x-tago-path-variant-of'];
      expect(canonical[method]?.operationId, `${method} ${path}`).toBe(of);
      expect(variant.operationId).toBe(`${of}TrailingSlash`);
      expect(comparable(variant)).toEqual(comparable(canonical[method]));
    }
  });

  it('no operation outside a slashed path is marked as a variant', () => {
    const marked = Object.entries(bundle.paths)
      .filter(([p]) => !p.endsWith('/'))
      .flatMap(([, item]) => METHODS.map((m) => (item as Record<string, any>)[m]))
      .filter((op) => op?.['x-tago-path-variant-of']);
    expect(marked).toEqual([]);
  });
});
