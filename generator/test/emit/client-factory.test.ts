import { describe, expect, it } from 'vitest';
import { emitClientFactory } from '../../src/emit/client-factory.js';
import { RUNTIME_FACTORIES } from '../../src/targets/runtimes.js';
import { TOKEN_KINDS } from '@tagokit/spec-model/model';
import { miniModel } from '../fixtures/mini-model.js';

const node = RUNTIME_FACTORIES.find((f) => f.path.startsWith('packages/node/'))!.names;
const lines = emitClientFactory(miniModel(), node).split('\n');

describe('emitClientFactory', () => {
  it('imports the scopes, the kinds and the runtime types it is written with', () => {
    expect(lines.slice(3, 6)).toEqual([
      "import type { ApiScopes } from '@tagokit/api/client';",
      "import type { AnonymousKind, TokenKind } from '@tagokit/core/internal';",
      "import type { NodeClientMembers, NodeClientOptions } from '../index.js';",
    ]);
  });

  it('writes one signature per token kind of the spec, then unknown kind, then no token', () => {
    const signatures = lines.filter((l) => l.startsWith('  ('));
    expect(signatures).toHaveLength(TOKEN_KINDS.length + 2);
    expect(signatures[TOKEN_KINDS.indexOf('device')]).toBe(
      "  (options: NodeClientOptions & { token: string; tokenKind: 'device' }): ApiScopes['device'] & NodeClientMembers<'device'>;",
    );
    // A kind known only as a union (or any TokenKind value) takes the every-kind signature, not an excess-key error.
    expect(signatures.at(-2)).toBe(
      "  (options: NodeClientOptions & { token: string; tokenKind?: TokenKind }): ApiScopes['every'] & NodeClientMembers<TokenKind>;",
    );
    expect(signatures.at(-1)).toBe(
      "  (options?: NodeClientOptions & { token?: undefined }): ApiScopes['anonymous'] & NodeClientMembers<AnonymousKind>;",
    );
    // No generic signature: the checker picks by the literal kind instead of inferring it.
    expect(lines.join('\n')).not.toMatch(/<K\b/);
  });

  it('writes every runtime from the same template, only the names differing', () => {
    const deno = RUNTIME_FACTORIES.find((f) => f.path.startsWith('packages/deno/'))!.names;
    const other = emitClientFactory(miniModel(), deno).split('\n');
    const differing = lines.flatMap((l, i) => (l === other[i] ? [] : [i]));
    expect(differing.length).toBe(1 + TOKEN_KINDS.length + 2);
    expect(other[5]).toBe("import type { DenoClientMembers, DenoClientOptions } from '../mod.ts';");
  });
});
