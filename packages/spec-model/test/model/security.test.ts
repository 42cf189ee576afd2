import { describe, expect, it } from 'vitest';
import { schemeKinds, tokenKinds } from '../../src/model/security.js';
import { ModelError } from '../../src/model/types.js';
import { loadSpec } from '../../src/index.js';

const scheme = (kind: unknown) => ({ type: 'apiKey', in: 'header', name: 'token', 'x-tago-token-kind': kind });
const SCHEMES = schemeKinds({
  profileToken: scheme('profile'),
  deviceToken: scheme('device'),
  runUserToken: scheme('runUser'),
  serviceAuthorizationToken: scheme('serviceAuthorization'),
});

describe('schemeKinds', () => {
  it('reads every scheme of the spec into its token kind', () => {
    const doc = loadSpec(new URL('../../../../specs/dist/tagoio.openapi.json', import.meta.url).pathname);
    expect(schemeKinds(doc.components?.securitySchemes)).toEqual({
      profileToken: 'profile',
      deviceToken: 'device',
      analysisToken: 'analysis',
      networkToken: 'network',
      runUserToken: 'runUser',
      serviceAuthorizationToken: 'serviceAuthorization',
    });
  });

  it('refuses a scheme without a known x-tago-token-kind', () => {
    expect(() => schemeKinds({ bearerAuth: { type: 'http', scheme: 'bearer' } })).toThrow(
      new ModelError(
        'security scheme "bearerAuth": x-tago-token-kind must be one of profile, device, analysis, network, runUser, serviceAuthorization (got undefined)',
      ),
    );
    expect(() => schemeKinds({ t: scheme('admin') })).toThrow(/got "admin"/);
  });
});

describe('tokenKinds', () => {
  it('reads the kinds in spec order, once each', () => {
    expect(tokenKinds([{ deviceToken: [] }, { profileToken: [] }, { deviceToken: [] }], 'op', SCHEMES)).toEqual([
      'device',
      'profile',
    ]);
    expect(tokenKinds([{ runUserToken: [], serviceAuthorizationToken: [] }], 'op', SCHEMES)).toEqual([
      'runUser',
      'serviceAuthorization',
    ]);
  });

  it('reads security: [] as no token', () => {
    expect(tokenKinds([], 'op', SCHEMES)).toEqual([]);
  });

  it('refuses an unknown scheme', () => {
    expect(() => tokenKinds([{ bearerAuth: [] }], 'getThing', SCHEMES)).toThrow(
      new ModelError('getThing: unknown security scheme "bearerAuth"'),
    );
    expect(() => tokenKinds([{ bearerAuth: [] }], 'getThing', SCHEMES)).toThrow(ModelError);
  });

  it('refuses a missing security list', () => {
    expect(() => tokenKinds(undefined, 'getThing', SCHEMES)).toThrow(
      new ModelError('getThing: security must be listed explicitly (use [] for no token)'),
    );
    expect(() => tokenKinds({ profileToken: [] }, 'getThing', SCHEMES)).toThrow(ModelError);
  });
});
