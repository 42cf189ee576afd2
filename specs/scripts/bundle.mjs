// Joins the multi-file spec into specs/dist/tagoio.openapi.{yaml,json}, the files the generator and the tests read.
// `--check` bundles into a temporary folder and fails when the committed bundle differs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DIST_JSON, DIST_YAML, ROOT_FILE, SPECS_DIR } from './areas.mjs';

const check = process.argv.includes('--check');
const outDir = check ? mkdtempSync(join(tmpdir(), 'tagokit-bundle-')) : dirname(DIST_YAML);
mkdirSync(outDir, { recursive: true });
const redocly = join(SPECS_DIR, 'node_modules', '.bin', 'redocly');
const targets = { yaml: join(outDir, 'tagoio.openapi.yaml'), json: join(outDir, 'tagoio.openapi.json') };
for (const [ext, out] of Object.entries(targets)) {
  const run = spawnSync(redocly, ['bundle', ROOT_FILE, '--output', out, '--ext', ext], {
    cwd: SPECS_DIR,
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    process.stderr.write(run.stdout + run.stderr);
    process.exit(run.status ?? 1);
  }
}

// The bundler names components after their map keys and appends "-2" on a clash: refuse that.
const bundle = JSON.parse(readFileSync(targets.json, 'utf8'));
const clashes = Object.entries(bundle.components ?? {}).flatMap(([kind, map]) =>
  Object.keys(map)
    .filter((n) => /-\d+$/.test(n))
    .map((n) => `${kind}/${n}`),
);
if (clashes.length) {
  console.error(`component names clash across files: ${clashes.join(', ')}`);
  process.exit(1);
}

if (check) {
  const stale = Object.entries(targets).filter(
    ([ext, out]) => readFileSync(out, 'utf8') !== readFileSync(ext === 'yaml' ? DIST_YAML : DIST_JSON, 'utf8'),
  );
  rmSync(outDir, { recursive: true, force: true });
  if (stale.length) {
    console.error(`specs/dist is out of date (${stale.map(([e]) => e).join(', ')}); run \`pnpm spec:bundle\``);
    process.exit(1);
  }
  console.log('specs/dist is up to date');
} else {
  const ops = Object.values(bundle.paths).reduce(
    (n, item) => n + Object.keys(item).filter((k) => ['get', 'put', 'post', 'delete', 'patch'].includes(k)).length,
    0,
  );
  console.log(`bundled ${ops} operations into specs/dist/tagoio.openapi.{yaml,json}`);
}
