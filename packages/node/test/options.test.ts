import { describe, expect, it } from 'vitest';
import { createClient, TagoValidationError, type NodeClientOptions } from '../src/index.js';

// Plain-JavaScript mistakes in createClient's options: refused at once with a typed error naming the option.
const TOKEN = 'b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d';

function refusal(options: unknown): Record<string, unknown> {
  try {
    createClient(options as NodeClientOptions & { token: string });
  } catch (error) {
    expect(error).toBeInstanceOf(TagoValidationError);
    const e = error as TagoValidationError;
    return { code: e.code, field: e.field, message: e.message };
  }
  throw new Error('createClient accepted the options');
}

describe('createClient option checks', () => {
  it('refuses a mistyped core option or Node option, suggesting the right name', () => {
    expect(refusal({ token: TOKEN, regoin: 'eu-w1' })).toEqual({
      code: 'option_unknown',
      field: 'regoin',
      message: 'Unknown client option "regoin"; did you mean "region"?',
    });
    expect(refusal({ token: TOKEN, keepAliveTimout: 5 })).toEqual({
      code: 'option_unknown',
      field: 'keepAliveTimout',
      message: 'Unknown client option "keepAliveTimout"; did you mean "keepAliveTimeout"?',
    });
  });

  it('refuses a tokenKind outside the token-kind list', () => {
    expect(refusal({ token: TOKEN, tokenKind: 'devices' })).toEqual({
      code: 'option_invalid',
      field: 'tokenKind',
      message:
        'tokenKind "devices" is not a token kind ' +
        '(profile, device, analysis, network, runUser, serviceAuthorization); did you mean "device"?',
    });
  });

  it('refuses a per-call timeout, suggesting timeoutMs', async () => {
    const client = createClient({
      token: TOKEN,
      tokenKind: 'device',
      transport: async () => ({ status: 200, headers: {}, body: '{"status":true,"result":[]}' }),
    });
    await expect(client.deviceData.getData({}, { timeout: 5 } as never)).rejects.toMatchObject({
      name: 'TagoValidationError',
      code: 'option_unknown',
      field: 'timeout',
      message: 'Unknown call option "timeout"; did you mean "timeoutMs"?',
    });
  });
});
