// src/index.d.mts is written by hand and is all a consumer sees; TypeScript never compares it with src/index.mjs.
// This module does, in the type-check (`npm run typecheck`): every export of index.mjs, taken from the modules
// that implement it, must fit what index.d.mts declares, or the check fails naming the export.
import type * as Declared from '../src/index.mjs';
import { EMULATOR_OPTION_KEYS, startEmulator } from '../src/emulator.mjs';
import {
  DEFAULT_FAULTS,
  FAULT_KINDS,
  FAULT_PROCESSES,
  FAULT_SETTING_KEYS,
  FaultPlan,
  normalizeFaults,
  prng,
} from '../src/faults.mjs';
import { SettingsError } from '../src/settings.mjs';
import { PLANS, RateLimiter, RPM_TABLE, rpmFor } from '../src/pipeline/rate-limit.mjs';
import { loadSpec, matchRoute, schemeKinds, validateRequest } from '../src/spec.mjs';
import { ConflictError, DEFAULT_DEVICE, DEFAULT_PROFILE_ID, DEFAULT_TOKENS, parseDate } from '../src/store.mjs';
import { wildcardMatch } from '../src/wildcard.mjs';

export const implementation = {
  startEmulator,
  EMULATOR_OPTION_KEYS,
  FAULT_SETTING_KEYS,
  SettingsError,
  FAULT_KINDS,
  FAULT_PROCESSES,
  DEFAULT_FAULTS,
  normalizeFaults,
  prng,
  FaultPlan,
  RPM_TABLE,
  PLANS,
  rpmFor,
  RateLimiter,
  ConflictError,
  DEFAULT_TOKENS,
  DEFAULT_DEVICE,
  DEFAULT_PROFILE_ID,
  parseDate,
  loadSpec,
  matchRoute,
  validateRequest,
  schemeKinds,
  wildcardMatch,
} satisfies typeof Declared;
