import { describe, expect, it } from 'vitest';
import { SCHEME_KINDS, tokenKinds } from '../../src/model/security.js';
import { ModelError } from '../../src/model/types.js';

describe('tokenKinds', () => {
  it('maps every scheme of the spec to its token kind', () => {
    expect(SCHEME_KINDS).toEqual({
      profileToken: 'profile',
      deviceToken: 'device',
      analysisToken: 'analysis',
      networkToken: 'network',
      runUserToken: 'runUser',
      serviceAuthorizationToken: 'serviceAuthorization',
    });
  });

  it('reads the kinds in spec order, once each', () => {
    expect(tokenKinds([{ deviceToken: [] }, { profileToken: [] }, { deviceToken: [] }], 'op')).toEqual(['device', 'profile']);
    expect(tokenKinds([{ runUserToken: [], serviceAuthorizationToken: [] }], 'op')).toEqual(['runUser', 'serviceAuthorization']);
  });

  it('reads security: [] as no token', () => {
    expect(tokenKinds([], 'op')).toEqual([]);
  });

  it('refuses an unknown scheme', () => {
    expect(() => tokenKinds([{ bearerAuth: [] }], 'getThing')).toThrow(new ModelError('getThing: unknown security scheme "bearerAuth"'));
    expect(() => tokenKinds([{ bearerAuth: [] }], 'getThing')).toThrow(ModelError);
  });

  it('refuses a missing security list', () => {
    expect(() => tokenKinds(undefined, 'getThing')).toThrow(new ModelError('getThing: security must be listed explicitly (use [] for no token)'));
    expect(() => tokenKinds({ profileToken: [] }, 'getThing')).toThrow(ModelError);
  });
});
