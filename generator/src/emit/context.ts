import { IndentationText, NewLineKind, Project, QuoteKind, type StatementStructures } from 'ts-morph';
import type { ApiModel } from '@tagokit/spec-model/model';

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
  /** Prints a whole file from ts-morph structures, `head` (the banner) first. */
  print(name: string, statements: StatementStructures[], head: string): string;
}

/** ts-morph's own structure printer, which createSourceFile runs before parsing what it printed. */
interface StructurePrinting {
  structurePrinterFactory: {
    forSourceFile(options: { isAmbient: boolean }): { printText(writer: unknown, structure: unknown): void };
  };
}

export function createEmitContext(model: ApiModel, imports: ImportStyle = API_IMPORTS): EmitContext {
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      quoteKind: QuoteKind.Single,
      newLineKind: NewLineKind.LineFeed,
      useTrailingCommas: true,
    },
  });
  return {
    model,
    imports,
    // Building a file node by node re-parses it after every addition (seconds for the full API); printing
    // structures once is what keeps generation fast. The text comes straight from ts-morph's structure printer,
    // the same text createSourceFile would parse into a file (that parse was a third of a full regeneration);
    // without that printer (another ts-morph) it goes through a file.
    print(name, statements, head) {
      const printing = (project as unknown as { _context?: StructurePrinting })._context;
      if (printing?.structurePrinterFactory) {
        const writer = project.createWriter();
        printing.structurePrinterFactory.forSourceFile({ isAmbient: false }).printText(writer, { statements });
        return `${head}${writer.toString().trimStart()}`;
      }
      const file = project.createSourceFile(name, { statements }, { overwrite: true });
      const text = file.getFullText();
      project.removeSourceFile(file);
      return `${head}${text.trimStart()}`;
    },
  };
}
