/** Naming rules shared by every emitter. */
import { ModelError } from '../errors.js';

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

/** Token kinds whose operations the MCU client and the edge functions call by operationId. */
const DEVICE_SIDE_KINDS: readonly string[] = ['device', 'network'];

/** What clientMethodNames reads of an operation. */
export interface MethodNameInput {
  id: string;
  tag: string;
  kinds: readonly string[];
  /** `x-tago-method`: the method's name inside its group. */
  method: string | undefined;
  /** `x-tago-method-aliases`: former method names, kept as deprecated aliases for one minor version. */
  aliases?: unknown;
}

/** Where an operation lives in the grouped clients (Node, Deno) and under which names. */
export interface ClientMethodNames {
  /** The tag in camelCase: `client.<group>`. */
  group: string;
  /** `client.<group>.<methodName>()`. */
  methodName: string;
  /** Former names that still work, marked deprecated. */
  deprecatedAliases: string[];
}

const CAMEL = /^[a-z][A-Za-z0-9]*$/;

/**
 * The one naming rule of every runtime. Edge functions and the MCU client are flat and name each operation by its
 * operationId; the grouped clients use `x-tago-method`, except that an operation a device or network token can call
 * must be named by its operationId there too, so the code a device runs reads the same in Node, Deno, a worker
 * and on a board (`client.deviceData.listConfigParams()`, `listConfigParams(client)`, `client.listConfigParams()`).
 */
export function clientMethodNames(op: MethodNameInput): ClientMethodNames {
  if (!op.method || !CAMEL.test(op.method)) throw new ModelError(`${op.id}: x-tago-method missing or not camelCase`);
  if (op.kinds.some((k) => DEVICE_SIDE_KINDS.includes(k)) && op.method !== op.id)
    throw new ModelError(
      `${op.id}: a device or network token can call it, so its x-tago-method must be its operationId "${op.id}" ` +
        `(the name the edge functions and the MCU client use); keep "${op.method}" in x-tago-method-aliases`,
    );
  const aliases = op.aliases ?? [];
  if (!Array.isArray(aliases) || !aliases.every((a) => typeof a === 'string' && CAMEL.test(a)))
    throw new ModelError(`${op.id}: x-tago-method-aliases must be a list of camelCase names`);
  if (aliases.includes(op.method)) throw new ModelError(`${op.id}: "${op.method}" is its method and an alias`);
  return { group: camelCase(op.tag), methodName: op.method, deprecatedAliases: [...aliases] };
}
