// A standard validator, Prism (request validation on, as the contract harness runs it), reads the bundled spec: it
// accepts the trailing-slash forms TagoIO's official SDK sends (the spec's path variants), and TagoIO's
// indexed-bracket arrays once normalised as specs/CONVENTIONS.md says ("Query arrays and objects").
import { queryForPrism, startPrism } from '@tagokit/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let prism: Awaited<ReturnType<typeof startPrism>>;
beforeAll(async () => {
  prism = await startPrism();
}, 90_000);
afterAll(() => prism?.stop());

const headers = { token: 'p-00000000-0000-4000-8000-000000000001', 'content-type': 'application/json' };

describe('Prism on the bundled spec', () => {
  it.each([
    '/analysis/',
    '/notification/',
    '/integration/connector/',
    '/integration/network/',
    '/account/payment_history/',
    '/account/payment_method/',
  ])('accepts GET %s', async (path) => {
    const res = await fetch(`${prism.url}${path}`, { headers });
    expect(res.status, await res.text()).toBe(200);
  });

  it('accepts POST /dashboard/{id}/widget/ with a widget body', async () => {
    const body = JSON.stringify({ label: 'Level', type: 'display', data: [], display: {} });
    const res = await fetch(`${prism.url}/dashboard/5dcad1c216174c001ca23ab9/widget/`, {
      method: 'POST',
      headers,
      body,
    });
    expect(res.status, await res.text()).toBe(200);
  });

  it('reads indexed-bracket arrays after the normalisation, and deepObject filters as they are', async () => {
    const sent = '/device?fields[0]=id&fields[1]=name&filter[name]=sensor*&amount=20';
    expect(queryForPrism(sent)).toBe('/device?fields=id&fields=name&filter[name]=sensor*&amount=20');
    const res = await fetch(`${prism.url}${queryForPrism(sent)}`, { headers });
    expect(res.status, await res.text()).toBe(200);
  });

  it('still refuses a slashed form the spec does not describe', async () => {
    // Without a variant, Prism reads `/device/` as `/device/{deviceID}` with an empty id, which takes no POST.
    const res = await fetch(`${prism.url}/device/`, { method: 'POST', headers, body: '{}' });
    expect(res.status).toBe(405);
  });
});
