/** Naming rules shared by every emitter. */

// Upper-case runs read as one word: `TagoRUN` -> `TagoRun`, `SQL` -> `Sql`.
const words = (text: string): string[] =>
  text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.replace(/[A-Z]{2,}/g, (run) => run.charAt(0) + run.slice(1).toLowerCase()));

/** `Device Data` -> `deviceData`, `TagoRUN User` -> `tagoRunUser`. */
export function camelCase(text: string): string {
  return words(text)
    .map((w, i) => {
      return i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1);
    })
    .join('');
}

/** `deviceData` -> `DeviceData`. */
export function pascalCase(text: string): string {
  const c = camelCase(text);
  return c.charAt(0).toUpperCase() + c.slice(1);
}

const RESERVED = new Set([
  'delete',
  'new',
  'default',
  'class',
  'function',
  'in',
  'for',
  'if',
  'do',
  'var',
  'let',
  'const',
  'return',
  'switch',
  'case',
  'try',
  'catch',
  'throw',
  'typeof',
  'void',
  'with',
  'yield',
  'enum',
  'export',
  'import',
  'super',
  'this',
  'while',
  'break',
  'continue',
  'debugger',
  'extends',
  'finally',
  'instanceof',
  'null',
  'true',
  'false',
]);

/** Whether a name can be used as a bare identifier (it can always be a method name). */
export function isReservedWord(name: string): boolean {
  return RESERVED.has(name);
}

/** A property key as it must be written in TypeScript source. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}
