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

/**
 * Prints a whole file from ts-morph structures in one pass. Building the file node by node re-parses it after
 * every addition (seconds for the full API); printing structures once is what keeps generation fast.
 */
export function printStructures(name: string, statements: StatementStructures[], head: string): string {
  const file: SourceFile = project.createSourceFile(name, { statements }, { overwrite: true });
  const text = file.getFullText();
  project.removeSourceFile(file);
  return `${head}${text.trimStart()}`;
}

/** Text safe inside a JSDoc block. */
export function docText(text: string): string {
  return text.replaceAll('*/', '*\\/').trim();
}
