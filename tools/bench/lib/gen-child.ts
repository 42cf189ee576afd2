// One generation measurement in a fresh process (run with `node --import tsx`), so its peak memory is its own.
// Every module is imported before the clock starts; the timed part reads the spec file and produces the output.
// Prints one JSON line: { ms, maxRssKb, ... }.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const [mode, spec, outDir] = process.argv.slice(2) as [string, string, string | undefined];
// Import only what this mode needs, before the clock starts.
const gen = mode.startsWith('ours')
  ? {
      ...(await import('../../../packages/spec-model/src/index.js')),
      ...(await import('../../../packages/spec-model/src/model/index.js')),
      ...(await import('../../../generator/src/targets/index.js')),
      ...(await import('../../../generator/src/emit/schema-types.js')),
      ...(await import('../../../generator/src/emit/descriptors.js')),
      ...(await import('../../../generator/src/emit/client.js')),
      ...(await import('../../../generator/src/emit/context.js')),
      ...(await import('./foreign-spec.js')),
      ...(await import('../../../generator/src/emit/named-types.js')),
    }
  : undefined;
const oats = mode === 'openapi-typescript' ? await import('openapi-typescript') : undefined;
const hey = mode === 'hey-api' ? await import('@hey-api/openapi-ts') : undefined;
const started = performance.now();
// CPU time of the timed part too: on a shared machine it moves less than the wall time.
const cpuStarted = process.cpuUsage();
let info: Record<string, unknown> = {};
let files: { path: string; text: string }[] = [];

if (mode === 'ours-full') {
  // What `pnpm generate` does, minus writing: every target of the TagoIO spec.
  const doc = gen!.loadSpec(spec);
  const model = gen!.buildModel(doc);
  files = await gen!.generateAll(doc, model);
  info = {
    operations: model.operations.length,
    files: files.length,
    bytes: files.reduce((n, f) => n + f.text.length, 0),
  };
  files = [];
} else if (mode === 'ours-foreign') {
  // Another API's spec: read, rewrite into the form the model reads (foreign-spec.ts), model, schema types,
  // descriptors, operation types and client.
  const doc = gen!.checkDocument(gen!.toModelForm(JSON.parse(readFileSync(spec, 'utf8'))), spec);
  const model = gen!.buildModel(doc);
  // As the api target does: the named schemas in types.ts, the rest in schema.ts; the signatures read their
  // types from the same openapi-typescript output.
  const schemaTypes = await gen!.emitSchemaTypes(doc);
  const { schema, types } = gen!.splitNamedTypes(
    schemaTypes,
    doc.info.version,
    '.js',
    gen!.generatedExportNames(model),
  );
  const ctx = gen!.createEmitContext(model, { coreModule: '@tagokit/core/internal', ext: '.js' }, schemaTypes);
  const operations = gen!.emitDescriptors(ctx);
  const client = gen!.emitClient(ctx);
  const operationTypes = gen!.emitOperationTypes(ctx);
  files = [
    { path: 'schema.ts', text: schema },
    { path: 'types.ts', text: types },
    { path: 'operations.ts', text: operations },
    { path: 'operation-types.ts', text: operationTypes },
    { path: 'client.ts', text: client },
  ];
  info = {
    operations: model.operations.length,
    groups: model.groups.length,
    bytes: files.reduce((n, f) => n + f.text.length, 0),
  };
} else if (mode === 'openapi-typescript') {
  const doc = JSON.parse(readFileSync(spec, 'utf8'));
  const text = oats!.astToString(await oats!.default(doc, { silent: true } as never));
  files = [{ path: 'schema.d.ts', text }];
  info = { bytes: text.length };
} else if (mode === 'hey-api') {
  await hey!.createClient({ input: spec, output: { path: outDir! }, logs: { level: 'silent' } } as never);
  info = { output: outDir };
} else {
  throw new Error(`unknown mode ${mode}`);
}
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuStarted);
const cpuMs = (cpu.user + cpu.system) / 1000;
const maxRssKb = process.resourceUsage().maxRSS;
if (outDir && files.length) {
  mkdirSync(outDir, { recursive: true });
  for (const f of files) writeFileSync(join(outDir, f.path), f.text);
}
console.log(JSON.stringify({ mode, ms, cpuMs, maxRssKb, ...info }));
