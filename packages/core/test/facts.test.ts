import { describe, expect, it } from 'vitest';
import { apiErrorFor } from '../src/internal/status-errors.js';
import { API_ERROR, NAMED_REGIONS, NOT_SENT_CODES, RETRY_DEFAULTS, SERVER_ERROR, STATUS_ERRORS } from '../src/facts.js';
import { connectionError } from '../src/internal/transport-support.js';
import { DEFAULT_RETRY_POLICY } from '../src/retry-policy.js';
import { regionById } from '../src/regions.js';

// The error classes keep their names and codes in their own declarations: these checks tie them to the facts the
// MCU build injects, so the two runtimes cannot name the same failure differently.
describe('the shared facts (src/facts.ts) are what the core does', () => {
  it('builds the class each status names, with its code', () => {
    const errorOf = (status: number) => apiErrorFor({ status, message: 'm', body: null, headers: {} });
    // Every failure status: the facts' class, InternalServerError from 500, else TagoApiError (no other status has
    // a class of its own in the core's table).
    for (let status = 400; status < 600; status++) {
      const fact = STATUS_ERRORS[status] ?? (status >= 500 ? SERVER_ERROR : API_ERROR);
      const error = errorOf(status);
      expect({ name: error.name, code: error.code }, String(status)).toEqual(fact);
    }
  });

  it('retries with the default policy and resolves the named regions to their hosts', () => {
    expect(DEFAULT_RETRY_POLICY).toEqual(RETRY_DEFAULTS);
    for (const [id, hosts] of Object.entries(NAMED_REGIONS)) {
      expect(regionById(id as keyof typeof NAMED_REGIONS)).toEqual({ ...hosts, insecure: false });
    }
  });

  it('treats exactly the not-sent codes as a connection that never reached the server', () => {
    for (const code of NOT_SENT_CODES) expect(connectionError({ code }, {}).mayHaveBeenProcessed, code).toBe(false);
    expect(connectionError({ code: 'ECONNRESET' }, {}).mayHaveBeenProcessed).toBe(true);
  });
});
