// The dictionary resolver: its cache, the token and portal routes against the emulator, and how it reports
// failures. The shared vectors run in every runtime from scenarios/runtime-scenarios.ts.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError, createEdgeClient, createDictionary, updateDictionaryLanguage } from '@tagokit/edge';
import { DEFAULT_TOKENS, startEmulator, type Emulator } from '../../../tools/emulator/src/index.mjs';
import { createDictionaryResolver } from '../src/index.ts';
import { vectorTransport, type DictionaryVectors } from './dictionary-vectors.ts';

const vectors: DictionaryVectors = JSON.parse(
  readFileSync(new URL('./vectors/dictionary.json', import.meta.url), 'utf8'),
);

describe('dictionary resolver', () => {
  it('asks once per slug and language, with fallback=true, and reuses the answer until the TTL passes', async () => {
    const { transport, requests } = vectorTransport(vectors);
    let now = 1_000;
    const client = createEdgeClient({ token: DEFAULT_TOKENS.profile, transport });
    const resolver = createDictionaryResolver(client, { ttlMs: 60_000, now: () => now });
    const texts = await Promise.all([
      resolver.apply('#TEST.GREETING# #VAL.OPERATION_ERROR,x#'),
      resolver.apply('#TEST.GREETING#'),
      resolver.apply('#TEST.GREETING#', { language: 'pt-BR' }),
    ]);
    expect(texts).toEqual(['Hello The operation failed: x', 'Hello', 'Olá']);
    expect(requests.sort()).toEqual([
      'GET /dictionary/TEST/en-US?fallback=true',
      'GET /dictionary/TEST/pt-BR?fallback=true',
      'GET /dictionary/VAL/en-US?fallback=true',
    ]);
    now += 59_999;
    await resolver.apply('#TEST.GREETING#');
    expect(requests).toHaveLength(3);
    now += 1;
    await resolver.apply('#TEST.GREETING#');
    expect(requests).toHaveLength(4);
  });

  it('remembers a missing dictionary (404) as missing, and clear() forgets it', async () => {
    const { transport, requests } = vectorTransport(vectors);
    const resolver = createDictionaryResolver(createEdgeClient({ token: DEFAULT_TOKENS.profile, transport }));
    expect(await resolver.apply('#NOPE.KEY#')).toBe('#NOPE.KEY#');
    expect(await resolver.strings('NOPE')).toBeNull();
    expect(requests).toEqual(['GET /dictionary/NOPE/en-US?fallback=true']);
    resolver.clear();
    await resolver.strings('NOPE');
    expect(requests).toHaveLength(2);
  });

  it('rejects bad options and arguments with typed errors naming them', () => {
    const client = createEdgeClient({ token: DEFAULT_TOKENS.profile });
    expect(() => createDictionaryResolver(client, { language: 'english!' })).toThrow(
      expect.objectContaining({ name: 'TagoValidationError', field: 'language' }),
    );
    expect(() => createDictionaryResolver(client, { ttlMs: -1 })).toThrow(
      expect.objectContaining({ name: 'TagoValidationError', field: 'ttlMs' }),
    );
    expect(() => createDictionaryResolver(client, { runUrl: 'https://x/' })).toThrow(
      expect.objectContaining({ name: 'TagoValidationError', field: 'runUrl' }),
    );
  });
});

describe('dictionary resolver against the emulator', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.stop());
  const profile = () =>
    createEdgeClient({
      token: DEFAULT_TOKENS.profile,
      tokenKind: 'profile',
      region: { api: emulator.url },
      allowInsecureHttp: true,
    });

  it('resolves through the token route, with the dictionary read by slug and the fallback language', async () => {
    const client = profile();
    const { dictionary: id } = (await createDictionary(client, {
      body: { name: 'Values', slug: 'VAL', fallback: 'en-US' },
    })) as { dictionary: string };
    await updateDictionaryLanguage(client, {
      dictionaryID: id,
      locale: 'en-US',
      body: { dictionary: { SAVED: 'Saved $0 records' }, active: true },
    });
    const resolver = createDictionaryResolver(client, { language: 'de-DE' });
    // de-DE does not exist: fallback=true answers the dictionary's fallback language.
    expect(await resolver.apply('#VAL.SAVED,12#.')).toBe('Saved 12 records.');
  });

  it('resolves anonymously through the portal route', async () => {
    const client = profile();
    const { dictionary: id } = (await createDictionary(client, {
      body: { name: 'Portal', slug: 'PORTAL', fallback: 'en-US' },
    })) as { dictionary: string };
    await updateDictionaryLanguage(client, {
      dictionaryID: id,
      locale: 'pt-BR',
      body: { dictionary: { TITLE: 'Meus dispositivos' }, active: true },
    });
    const anonymous = createEdgeClient({ region: { api: emulator.url }, allowInsecureHttp: true });
    const resolver = createDictionaryResolver(anonymous, { runUrl: 'emulator', language: 'pt-BR' });
    expect(await resolver.apply('#PORTAL.TITLE#')).toBe('Meus dispositivos');
  });

  it('rejects with the typed API error on a bad token and caches nothing', async () => {
    const client = createEdgeClient({
      token: 'p-00000000-0000-4000-8000-0000000000ff',
      region: { api: emulator.url },
      allowInsecureHttp: true,
      maxRetries: 0,
    });
    const resolver = createDictionaryResolver(client);
    await expect(resolver.apply('#VAL.SAVED#')).rejects.toBeInstanceOf(AuthenticationError);
    await expect(resolver.apply('#VAL.SAVED#')).rejects.toBeInstanceOf(AuthenticationError);
  });
});
