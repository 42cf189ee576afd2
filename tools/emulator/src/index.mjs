// @ts-check
// @tagokit/emulator: a local TagoIO API built on the bundled spec, with seeded fault injection.
export { EMULATOR_OPTION_KEYS, startEmulator } from './emulator.mjs';
export {
  FAULT_KINDS,
  FAULT_PROCESSES,
  FAULT_SETTING_KEYS,
  DEFAULT_FAULTS,
  normalizeFaults,
  prng,
  FaultPlan,
} from './faults.mjs';
export { SettingsError } from './settings.mjs';
export { RPM_TABLE, PLANS, rpmFor, RateLimiter } from './pipeline/rate-limit.mjs';
export { ConflictError, DEFAULT_TOKENS, DEFAULT_DEVICE, DEFAULT_PROFILE_ID, parseDate } from './store.mjs';
export { loadSpec, matchRoute, validateRequest, schemeKinds } from './spec.mjs';
export { wildcardMatch } from './wildcard.mjs';
