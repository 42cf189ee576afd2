// @ts-check
// The account's billing information and resource allocation, and its profiles' settings, kept in the store and
// read back as edited (each starts from the spec's read example).
import { DEFAULT_PROFILE_ID } from '../store.mjs';
import { exampleResult, notFound, ok } from './answers.mjs';
import { keptSettings, mergeSettings } from './kept-settings.mjs';
import { confirmation } from './resources.mjs';

const PROFILES = 'profiles';

/**
 * The profiles, keyed by id, created on first use from the list example (each with the read example's shape).
 * @param {import('./answers.mjs').HandlerContext} ctx
 * @returns {Map<string, Record<string, any>>}
 */
function profiles(ctx) {
  const kept = ctx.store.resources(PROFILES);
  if (kept.size === 0) {
    const shape = /** @type {Record<string, any>} */ (exampleResult(ctx.spec, 'getProfile') ?? {});
    for (const row of /** @type {Record<string, any>[]} */ (exampleResult(ctx.spec, 'listProfiles') ?? [])) {
      const profile = structuredClone(shape);
      profile.info = { ...profile.info, ...structuredClone(row) };
      kept.set(row.id, profile);
    }
  }
  return kept;
}

/**
 * The allocation of the account's resources, one row per profile (the example's rows at first).
 * @param {import('./answers.mjs').HandlerContext} ctx
 * @returns {Record<string, unknown>[]}
 */
function allocationRows(ctx) {
  return /** @type {any} */ (keptSettings(ctx, 'allocation', 'getBillingAllocation'));
}

/**
 * The profile a path names; `current` is the token's own (the emulator's tokens all belong to the default one).
 * @param {import('./answers.mjs').HandlerContext} ctx
 */
function profileIdOf(ctx) {
  const id = ctx.pathParams['profileID'] ?? '';
  return id === 'current' ? DEFAULT_PROFILE_ID : id;
}

/** @type {import('./answers.mjs').HandlerMap} */
export const ACCOUNT_HANDLERS = {
  getBillingInformation: (ctx) => ok(ctx.op, structuredClone(keptSettings(ctx, 'billing', 'getBillingInformation'))),
  updateBillingInformation(ctx) {
    const billing = keptSettings(ctx, 'billing', 'getBillingInformation');
    mergeSettings(billing, ctx.body ?? {});
    billing.updated_at = new Date().toISOString();
    return ok(ctx.op, confirmation(ctx));
  },
  getBillingAllocation: (ctx) => ok(ctx.op, structuredClone(allocationRows(ctx))),
  updateBillingAllocation(ctx) {
    const rows = allocationRows(ctx);
    const changes = /** @type {Record<string, unknown>[]} */ (ctx.body ?? []);
    // Checked first, so an unknown profile changes nothing.
    const unknown = changes.find((c) => !rows.some((r) => r.profile === c.profile));
    if (unknown) return notFound('Profile not found');
    const now = new Date().toISOString();
    for (const change of changes)
      Object.assign(rows.find((r) => r.profile === change.profile) ?? {}, change, { updated_at: now });
    return ok(ctx.op, confirmation(ctx));
  },
  listProfiles(ctx) {
    const fields = Object.keys(
      /** @type {any[]} */ (exampleResult(ctx.spec, 'listProfiles') ?? [])[0] ?? { id: 0, name: 0 },
    );
    const rows = [...profiles(ctx).values()].map((p) =>
      Object.fromEntries(fields.filter((f) => f in p.info).map((f) => [f, p.info[f]])),
    );
    return ok(ctx.op, structuredClone(rows));
  },
  getProfile(ctx) {
    const profile = profiles(ctx).get(profileIdOf(ctx));
    return profile ? ok(ctx.op, structuredClone(profile)) : notFound('Profile not found');
  },
  updateProfile(ctx) {
    const profile = profiles(ctx).get(profileIdOf(ctx));
    if (!profile) return notFound('Profile not found');
    Object.assign(profile.info, structuredClone(ctx.body ?? {}), { updated_at: new Date().toISOString() });
    return ok(ctx.op, confirmation(ctx));
  },
};
