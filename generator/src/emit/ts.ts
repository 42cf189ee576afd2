/** Text safe inside a JSDoc block. */
export function docText(text: string): string {
  return text.replaceAll('*/', '*\\/').trim();
}

/**
 * A JSDoc block as ts-morph's printer writes one (the declarations written as text sit beside its output):
 * `/** x *\/` for one line, else a ` * ` line per line (` *` for an empty one).
 */
export function jsDoc(text: string): string {
  const lines = text.split(/\r?\n/);
  const head = `/** ${text}`;
  if (lines.length <= 1) return head.endsWith(' ') ? `${head}*/` : `${head} */`;
  const body = (lines[0] === '' ? lines.slice(1) : lines).map((line) => (line ? ` * ${line}` : ' *'));
  return `/**\n${body.join('\n')}\n */`;
}

/** One parameter (`args?: GetDataArgs`) as ts-morph prints a parameter structure. */
export interface SignatureParameter {
  name: string;
  type?: string;
  hasQuestionToken?: boolean;
}
export const parametersText = (parameters: readonly SignatureParameter[]): string =>
  parameters.map((p) => `${p.name}${p.hasQuestionToken ? '?' : ''}${p.type ? `: ${p.type}` : ''}`).join(', ');

/** `<const F extends X[] = never>` (nothing without type parameters). */
export interface SignatureTypeParameter {
  name: string;
  constraint?: string;
  default?: string;
}
export const typeParametersText = (parameters: readonly SignatureTypeParameter[]): string =>
  parameters.length
    ? `<${parameters
        .map((p) => `${p.name}${p.constraint ? ` extends ${p.constraint}` : ''}${p.default ? ` = ${p.default}` : ''}`)
        .join(', ')}>`
    : '';
