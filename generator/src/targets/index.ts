import type { OpenApiDocument } from '@tagokit/spec-model';
import type { ApiModel } from '@tagokit/spec-model/model';
import { API_IMPORTS, createEmitContext } from '../emit/context.js';
import { emitSchemaTypes } from '../emit/schema-types.js';
import { apiTarget } from './api.js';
import { mcuTarget } from './mcu.js';
import { runtimesTarget } from './runtimes.js';
import type { GeneratedFile, Target } from './types.js';

export type { GeneratedFile, Target, TargetInput } from './types.js';

/** Every package the generator writes, one module per target. */
export const TARGETS: readonly Target[] = [apiTarget, runtimesTarget, mcuTarget];

/** Generates every target's files; the one emit context of the run is made here and handed to each target. */
export async function generateAll(
  doc: OpenApiDocument,
  model: ApiModel,
  only?: readonly string[],
): Promise<GeneratedFile[]> {
  const targets = TARGETS.filter((t) => !only || only.includes(t.name));
  const schemaTypes = targets.some((t) => t.usesSchemaTypes) ? await emitSchemaTypes(doc) : undefined;
  const input = { doc, model, schemaTypes, ctx: createEmitContext(model, API_IMPORTS, schemaTypes) };
  return targets.flatMap((t) => t.generate(input));
}
