import type ts from 'typescript';
import { IndentationText, NewLineKind, Project, QuoteKind, StructureKind, type StatementStructures } from 'ts-morph';
import type { ApiModel } from '@tagokit/spec-model/model';
import { resolveOperationTypes, type OperationTypeTexts, type ResolvedOperationTypes } from './resolved-types.js';

/** Where generated TypeScript imports the core from, and the extension of its relative imports. */
export interface ImportStyle {
  /** The core's module (`@tagokit/core/internal` in @tagokit/api). */
  coreModule: string;
  /** `.ts` in @tagokit/api (Deno reads the sources, tsc rewrites them to `.js` in dist); `.js` for plain ESM. */
  ext: '.js' | '.ts';
}

/** What @tagokit/api's modules import: the core's internals, `.ts` siblings. */
export const API_IMPORTS: ImportStyle = { coreModule: '@tagokit/core/internal', ext: '.ts' };

/**
 * Everything one generation run shares between emitters, made by `generateAll` and passed explicitly: the model,
 * the import style and the ts-morph printer. Emitters keep no state of their own, so two runs (or two models in one
 * test) cannot see each other's output.
 */
export interface EmitContext {
  readonly model: ApiModel;
  readonly imports: ImportStyle;
  /** openapi-typescript's types of one operation's parameters, body and result (resolved-types.ts). */
  operationTypes(id: string): OperationTypeTexts;
  /** The named schema types the schema types declare (what `./types` exports). */
  schemaNames(): ReadonlySet<string>;
  /** Prints a whole file from its statements (text and ts-morph structures), `head` (the banner) first. */
  print(name: string, statements: Statement[], head: string): string;
}

/**
 * A statement to print: a ts-morph structure, or text as it is; `{ block }` for a declaration written as text that
 * ts-morph would set off by a blank line (a function, a class).
 */
export type Statement = string | { block: string } | StatementStructures;

/** How generated TypeScript is laid out. */
export const PRINT_SETTINGS = {
  indentationText: IndentationText.TwoSpaces,
  quoteKind: QuoteKind.Single,
  newLineKind: NewLineKind.LineFeed,
  useTrailingCommas: true,
};

/** ts-morph's own structure printer, which createSourceFile runs before parsing what it printed. */
interface StructurePrinting {
  structurePrinterFactory: {
    forSourceFile(options: { isAmbient: boolean }): { printText(writer: unknown, structure: unknown): void };
  };
}

/**
 * `schemaTypes`: openapi-typescript's types of the run (`emitSchemaTypes`), read once, when a signature first needs
 * an operation's types; a run whose targets need none (the MCU alone) passes nothing.
 */
export function createEmitContext(
  model: ApiModel,
  imports: ImportStyle = API_IMPORTS,
  schemaTypes?: ts.SourceFile,
): EmitContext {
  let resolved: ResolvedOperationTypes | undefined;
  const resolve = (): ResolvedOperationTypes => {
    if (!schemaTypes) throw new Error('emit: this context was made without the schema types');
    resolved ??= resolveOperationTypes(schemaTypes);
    return resolved;
  };
  const project = new Project({ useInMemoryFileSystem: true, manipulationSettings: PRINT_SETTINGS });
  return {
    model,
    imports,
    operationTypes(id) {
      const types = resolve().operations.get(id);
      if (!types) throw new Error(`emit: the schema types have no operation ${id}`);
      return types;
    },
    schemaNames: () => resolve().schemaNames,
    // Building a file node by node re-parses it after every addition (seconds for the full API); printing
    // structures once is what keeps generation fast. The text comes straight from ts-morph's structure printer,
    // the same text createSourceFile would parse into a file (that parse was a third of a full regeneration);
    // without that printer (another ts-morph) it goes through a file.
    print(name, statements, head) {
      const structures = (run: StatementStructures[]): string => {
        const printing = (project as unknown as { _context?: StructurePrinting })._context;
        if (printing?.structurePrinterFactory) {
          const writer = project.createWriter();
          printing.structurePrinterFactory.forSourceFile({ isAmbient: false }).printText(writer, { statements: run });
          return writer.toString();
        }
        const file = project.createSourceFile(name, { statements: run }, { overwrite: true });
        const text = file.getFullText();
        project.removeSourceFile(file);
        return text;
      };
      // Statements already written as text (the resolved types, half of client.ts) are joined as the printer
      // would write them at the top level, not fed through its writer, which walks every character it writes.
      const parts: string[] = [];
      let run: StatementStructures[] = [];
      const flush = () => {
        if (run.length) appendStatement(parts, structures(run).trimStart(), BLOCKS.has(run[0]!.kind));
        run = [];
      };
      for (const statement of statements) {
        if (typeof statement !== 'string' && !('block' in statement)) run.push(statement);
        else {
          flush();
          if (typeof statement === 'string') appendStatement(parts, statement);
          else appendStatement(parts, statement.block, true);
        }
      }
      flush();
      if (parts.length && !parts.at(-1)!.endsWith('\n')) parts.push('\n');
      return `${head}${parts.join('')}`;
    },
  };
}

/** The declarations ts-morph's printer always sets off by a blank line from the statement before. */
const BLOCKS: ReadonlySet<StructureKind> = new Set([
  StructureKind.Class,
  StructureKind.Function,
  StructureKind.Interface,
  StructureKind.Enum,
  StructureKind.Module,
]);

/**
 * Appends the next top-level statement, separated from the one before as ts-morph's statement printer separates
 * them: a blank line after a closing brace or before a block declaration, else a line break.
 */
function appendStatement(parts: string[], statement: string, block = false): void {
  const last = parts.at(-1);
  if (last !== undefined) {
    let end = last.length;
    while (end > 0 && last[end - 1] === '\n') end--;
    const wanted = block || last[end - 1] === '}' ? 2 : 1;
    if (wanted > last.length - end) parts.push('\n'.repeat(wanted - (last.length - end)));
  }
  parts.push(statement);
}
