// @ts-check
// `GET /info`: who a token is, by its kind.
import { DEFAULT_PROFILE_ID, publicDevice } from '../store.mjs';
import { callerDevice, exampleResult, ok } from './answers.mjs';
import { realtimeOf } from './events.mjs';

/** @type {import('./answers.mjs').HandlerMap} */
export const INFO_HANDLERS = {
  getTokenInfo(ctx) {
    const kind = ctx.caller?.kind;
    if (kind === 'device') return ok(ctx.op, publicDevice(callerDevice(ctx)));
    if (kind === 'analysis') {
      const added = [...realtimeOf(ctx.store).analyses.values()].find((a) => a.token === ctx.caller?.token);
      if (added) return ok(ctx.op, { id: added.id, name: added.name, active: added.active, run_on: added.run_on });
      return ok(ctx.op, {
        id: '5d4c2f8b7f1b4d001b0e8a11',
        name: 'Emulated analysis',
        active: true,
        run_on: 'external',
      });
    }
    if (kind === 'network') {
      const network = exampleResult(ctx.spec, 'getNetwork') ?? {
        id: '5bbd120d4051a50034cd1a05',
        name: 'Emulated network',
      };
      return ok(ctx.op, network);
    }
    if (kind === 'serviceAuthorization') {
      const first = (exampleResult(ctx.spec, 'listServiceAuthorizations') ?? [])[0];
      return ok(ctx.op, first ?? { name: 'Emulated authorization' });
    }
    return ok(ctx.op, { id: DEFAULT_PROFILE_ID, name: 'Emulated profile', logo_url: null });
  },
};
