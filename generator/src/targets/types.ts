import type { OpenApiDocument } from '@tagokit/spec-model';
import type { ApiModel } from '@tagokit/spec-model/model';
import type ts from 'typescript';
import type { EmitContext } from '../emit/context.js';

/** A generated file: its path from the workspace root and its text. */
export interface GeneratedFile {
  path: string;
  text: string;
}

/** What every target receives: the spec, its model, and outputs shared between targets. */
export interface TargetInput {
  doc: OpenApiDocument;
  model: ApiModel;
  /** openapi-typescript's types of the spec, its AST (computed once, when a selected target uses them). */
  schemaTypes: ts.SourceFile | undefined;
  /** The run's emit context (model, import style, printer), made by generateAll. */
  ctx: EmitContext;
}

/** One package the generator writes. */
export interface Target {
  name: string;
  /** Whether the target writes the openapi-typescript types (the most expensive step, skipped when none does). */
  usesSchemaTypes: boolean;
  generate(input: TargetInput): GeneratedFile[];
}
