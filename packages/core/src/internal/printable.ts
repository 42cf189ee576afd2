/**
 * A caller's text as an error message quotes it: printable ASCII only (anything else becomes `?`, so a control
 * character cannot reach a log line) and at most 60 characters.
 */
export function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 60);
}
