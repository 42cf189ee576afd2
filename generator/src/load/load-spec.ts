import { readFileSync } from 'node:fs';

/** The parts of an OpenAPI 3.1 document the generator reads. Loose on purpose: the model checks what it uses. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  tags?: { name: string; description?: string }[];
  [key: string]: unknown;
}

export class SpecLoadError extends Error {
  override name = 'SpecLoadError';
}

/** Reads a bundled spec (JSON) and refuses what the generator cannot work from. */
export function loadSpec(file: string, options: { foreign?: boolean } = {}): OpenApiDocument {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SpecLoadError(`Cannot read the spec at ${file}: ${(error as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new SpecLoadError(`${file} is not JSON (bundle the spec first with \`pnpm spec:bundle\`): ${(error as Error).message}`);
  }
  return checkDocument(doc, file, options.foreign);
}

export function checkDocument(doc: unknown, source = 'the spec', foreign = false): OpenApiDocument {
  if (!doc || typeof doc !== 'object') throw new SpecLoadError(`${source} is not an object`);
  const d = doc as Partial<OpenApiDocument>;
  if (typeof d.openapi !== 'string' || !(d.openapi.startsWith('3.1') || (foreign && d.openapi.startsWith('3.0')))) {
    throw new SpecLoadError(`${source} must be OpenAPI 3.1 (found ${JSON.stringify(d.openapi)})`);
  }
  if (!d.info || typeof d.info.version !== 'string') throw new SpecLoadError(`${source} has no info.version`);
  if (!d.paths || typeof d.paths !== 'object') throw new SpecLoadError(`${source} has no paths`);
  return d as OpenApiDocument;
}

/** Follows local `$ref`s (`#/components/...`) to the object they point at. */
export function resolveRef<T = Record<string, unknown>>(doc: OpenApiDocument, node: unknown): T {
  let current = node as { $ref?: string } | undefined;
  const seen = new Set<string>();
  while (current && typeof current === 'object' && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (!ref.startsWith('#/')) throw new SpecLoadError(`Only local references are supported, found ${ref} (bundle the spec first)`);
    if (seen.has(ref)) throw new SpecLoadError(`Reference cycle at ${ref}`);
    seen.add(ref);
    current = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((n, key) => (n as Record<string, unknown> | undefined)?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], doc) as { $ref?: string } | undefined;
    if (current === undefined) throw new SpecLoadError(`Unresolved reference ${ref}`);
  }
  return current as T;
}
