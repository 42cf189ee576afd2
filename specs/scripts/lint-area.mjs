// Lints one or more area files on their own: builds a temporary root that holds only their paths and runs
// Redocly with the project's rules (unused components excepted, since the root is partial).
// Usage: node scripts/lint-area.mjs paths/devices.yaml [paths/more.yaml ...]
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const specsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tagoDir = join(specsDir, 'tagoio');
const areaFiles = process.argv.slice(2).map((f) => f.replace(/^(specs\/)?(tagoio\/)?/, ''));
if (areaFiles.length === 0) {
  console.error('usage: node scripts/lint-area.mjs paths/<area>.yaml ...');
  process.exit(2);
}
const root = YAML.parse(readFileSync(join(tagoDir, 'openapi.yaml'), 'utf8'));
root.paths = {};
for (const file of areaFiles) {
  const area = YAML.parse(readFileSync(join(tagoDir, file), 'utf8'));
  for (const path of Object.keys(area)) {
    root.paths[path] = { $ref: `${file}#/${path.replaceAll('~', '~0').replaceAll('/', '~1')}` };
  }
}
const tmpRoot = join(tagoDir, `.lint-${basename(areaFiles[0], '.yaml')}.openapi.yaml`);
const tmpConfig = join(specsDir, `.lint-${basename(areaFiles[0], '.yaml')}.redocly.yaml`);
writeFileSync(tmpRoot, YAML.stringify(root));
writeFileSync(
  tmpConfig,
  YAML.stringify({ extends: [join(specsDir, 'redocly.yaml')], rules: { 'no-unused-components': 'off' } }),
);
const run = spawnSync(
  join(specsDir, 'node_modules/.bin/redocly'),
  ['lint', tmpRoot, '--config', tmpConfig, '--format', 'codeframe'],
  { stdio: 'inherit' },
);
rmSync(tmpRoot);
rmSync(tmpConfig);
process.exit(run.status ?? 1);
