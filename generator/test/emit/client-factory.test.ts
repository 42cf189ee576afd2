import { describe, expect, it } from 'vitest';
import { clientName, emitClientFactory } from '../../src/emit/client-factory.js';
import { RUNTIME_FACTORIES } from '../../src/targets/runtimes.js';
import { TOKEN_KINDS } from '@tagokit/spec-model/model';
import { miniModel } from '../fixtures/mini-model.js';

const node = RUNTIME_FACTORIES.find((f) => f.path.startsWith('packages/node/'))!.names;
const lines = emitClientFactory(miniModel(), node).split('\n');

describe('emitClientFactory', () => {
  it('imports the scopes, the kinds and the runtime types it is written with', () => {
    expect(lines.slice(3, 6)).toEqual([
      "import type { ProfileScope, DeviceScope, AnalysisScope, NetworkScope, RunUserScope, ServiceAuthorizationScope, AnonymousScope, EveryScope } from '@tagokit/api/client';",
      "import type { AnonymousKind, TokenKind } from '@tagokit/core/internal';",
      "import type { NodeClientMembers, NodeClientOptions } from '../index.js';",
    ]);
  });

  it('names one client per kind: its scope and the runtime members (what hovers and errors show)', () => {
    expect(lines).toContain("export interface TagoDeviceClient extends DeviceScope, NodeClientMembers<'device'> {}");
    expect(lines).toContain(
      'export interface TagoAnonymousClient extends AnonymousScope, NodeClientMembers<AnonymousKind> {}',
    );
    expect(lines).toContain('export interface TagoEveryClient extends EveryScope, NodeClientMembers<TokenKind> {}');
    const start = lines.indexOf('export interface TagoClients {');
    expect(lines.slice(start + 1, lines.indexOf('}', start))).toEqual(
      [...TOKEN_KINDS, 'anonymous', 'every'].map((kind) => `  ${kind}: ${clientName(kind)};`),
    );
  });

  it('writes one signature per token kind, then no token, then unknown kind last (its error is the one tsc shows)', () => {
    const signatures = lines.filter((l) => l.startsWith('  ('));
    expect(signatures).toHaveLength(TOKEN_KINDS.length + 2);
    expect(signatures[TOKEN_KINDS.indexOf('device')]).toBe('  (options: TagoDeviceClientOptions): TagoDeviceClient;');
    expect(signatures.at(-2)).toBe('  (options?: TagoAnonymousClientOptions): TagoAnonymousClient;');
    // A kind known only as a union (or any TokenKind value) takes the every-kind signature, not an excess-key error.
    expect(signatures.at(-1)).toBe('  (options: TagoEveryClientOptions): TagoEveryClient;');
    const options = (name: string) => {
      const start = lines.indexOf(`export interface ${name} extends NodeClientOptions {`);
      return lines.slice(start + 1, lines.indexOf('}', start));
    };
    expect(options('TagoDeviceClientOptions')).toEqual(['  token: string;', "  tokenKind: 'device';"]);
    expect(options('TagoAnonymousClientOptions')).toEqual(['  token?: undefined;']);
    expect(options('TagoEveryClientOptions')).toEqual(['  token: string;', '  tokenKind?: TokenKind;']);
    // No generic signature: the checker picks by the literal kind instead of inferring it.
    expect(lines.join('\n')).not.toMatch(/<\w+ extends /);
  });

  it('writes every runtime from the same template, only the runtime names differing', () => {
    const deno = RUNTIME_FACTORIES.find((f) => f.path.startsWith('packages/deno/'))!.names;
    const other = emitClientFactory(miniModel(), deno).split('\n');
    expect(other.length).toBe(lines.length);
    const rename = (l: string) => l.replaceAll('NodeClient', 'DenoClient').replace("'../index.js'", "'../mod.ts'");
    expect(other).toEqual(lines.map(rename));
  });
});
