import { describe, expect, it } from 'vitest';
import { createEdgeClient, createLeanClient, TagoValidationError, type EdgeClientOptions } from '../src/index.js';

// Plain-JavaScript mistakes in the edge clients' options: refused at once with a typed error naming the option.
const TOKEN = 'b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d';

function refusal(make: () => unknown): Record<string, unknown> {
  try {
    make();
  } catch (error) {
    expect(error).toBeInstanceOf(TagoValidationError);
    const e = error as TagoValidationError;
    return { code: e.code, field: e.field, message: e.message };
  }
  throw new Error('the options were accepted');
}

describe('edge client option checks', () => {
  it('createEdgeClient refuses a mistyped option and an unknown token kind', () => {
    expect(refusal(() => createEdgeClient({ token: TOKEN, tokenKnd: 'device' } as EdgeClientOptions))).toEqual({
      code: 'option_unknown',
      field: 'tokenKnd',
      message: 'Unknown client option "tokenKnd"; did you mean "tokenKind"?',
    });
    expect(
      refusal(() => createEdgeClient({ token: TOKEN, tokenKind: 'Device' } as unknown as EdgeClientOptions)),
    ).toEqual({
      code: 'option_invalid',
      field: 'tokenKind',
      message:
        'tokenKind "Device" is not a token kind ' +
        '(profile, device, analysis, network, runUser, serviceAuthorization); did you mean "device"?',
    });
  });

  it('createLeanClient refuses options it does not have (it keeps no timer)', () => {
    expect(refusal(() => createLeanClient({ token: TOKEN, timeoutMs: 5 } as never))).toEqual({
      code: 'option_unknown',
      field: 'timeoutMs',
      message: 'Unknown client option "timeoutMs"',
    });
    expect(refusal(() => createLeanClient({ token: TOKEN, regon: 'eu-w1' } as never))).toEqual({
      code: 'option_unknown',
      field: 'regon',
      message: 'Unknown client option "regon"; did you mean "region"?',
    });
  });
});
