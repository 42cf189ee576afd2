import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSpec } from '@tagokit/spec-model';
import { buildModel } from '@tagokit/spec-model/model';
import { generateAll } from './targets/index.js';
import { writeFiles } from './write.js';

const HELP = `tagokit-gen — generate the tagokit packages from the bundled spec

usage: tagokit-gen [--check] [--spec <file>] [--root <dir>]
  --check   write nothing; exit 1 and name the files that differ from what the spec produces
  --spec    bundled spec (default: specs/dist/tagoio.openapi.json)
  --root    workspace root (default: the repository this generator lives in)`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  const known = new Set(['--check', '--spec', '--root']);
  for (let i = 0; i < argv.length; i++) {
    if (!known.has(argv[i]!)) {
      console.error(`unknown argument ${argv[i]}\n\n${HELP}`);
      return 2;
    }
    if (argv[i] === '--spec' || argv[i] === '--root') i++;
  }
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const root = resolve(value('--root') ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..'));
  const spec = resolve(root, value('--spec') ?? 'specs/dist/tagoio.openapi.json');
  const check = argv.includes('--check');
  const started = performance.now();
  const doc = loadSpec(spec);
  const model = buildModel(doc);
  const files = await generateAll(doc, model);
  const report = writeFiles(root, files, check);
  const ms = Math.round(performance.now() - started);
  if (check) {
    if (report.drifted.length) {
      console.error(
        `generated files differ from the spec (run \`pnpm generate\`):\n${report.drifted.map((f) => `  ${f}`).join('\n')}`,
      );
      return 1;
    }
    console.log(
      `generated files are up to date (${files.length} files, ${model.operations.length} operations, ${ms} ms)`,
    );
    return 0;
  }
  console.log(
    `generated ${model.operations.length} operations: ${report.written.length} written, ${report.unchanged.length} unchanged, ${report.removed.length} removed (${ms} ms)`,
  );
  for (const f of [...report.written, ...report.removed]) console.log(`  ${f}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    process.exit(1);
  },
);
