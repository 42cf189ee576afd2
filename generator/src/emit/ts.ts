/** Text safe inside a JSDoc block. */
export function docText(text: string): string {
  return text.replaceAll('*/', '*\\/').trim();
}
