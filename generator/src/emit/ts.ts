import { IndentationText, NewLineKind, Project, QuoteKind, type SourceFile, type StatementStructures } from 'ts-morph';

const project = new Project({
  useInMemoryFileSystem: true,
  manipulationSettings: {
    indentationText: IndentationText.TwoSpaces,
    quoteKind: QuoteKind.Single,
    newLineKind: NewLineKind.LineFeed,
    useTrailingCommas: true,
  },
});

/** ts-morph's own structure printer, which createSourceFile runs before parsing what it printed. */
interface StructurePrinting {
  structurePrinterFactory: {
    forSourceFile(options: { isAmbient: boolean }): { printText(writer: unknown, structure: unknown): void };
  };
}

/**
 * Prints a whole file from ts-morph structures in one pass. Building the file node by node re-parses it after
 * every addition (seconds for the full API); printing structures once is what keeps generation fast. The text
 * comes straight from ts-morph's structure printer, the same text createSourceFile would parse into a file (the
 * parse was a third of a full regeneration); without that printer (another ts-morph) it goes through a file.
 */
export function printStructures(name: string, statements: StatementStructures[], head: string): string {
  const printing = (project as unknown as { _context?: StructurePrinting })._context;
  if (printing?.structurePrinterFactory) {
    const writer = project.createWriter();
    printing.structurePrinterFactory.forSourceFile({ isAmbient: false }).printText(writer, { statements });
    return `${head}${writer.toString().trimStart()}`;
  }
  const file: SourceFile = project.createSourceFile(name, { statements }, { overwrite: true });
  const text = file.getFullText();
  project.removeSourceFile(file);
  return `${head}${text.trimStart()}`;
}

/** Text safe inside a JSDoc block. */
export function docText(text: string): string {
  return text.replaceAll('*/', '*\\/').trim();
}
