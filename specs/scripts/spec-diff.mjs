// `pnpm spec:diff <old> <new>`: compares two versions of the spec and suggests a semver bump.
// Each side is a file (bundled JSON or YAML, or the multi-file root, which is bundled first) or a git ref, read as
// that ref's specs/dist/tagoio.openapi.json. `--json` prints the changes as JSON.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import YAML from 'yaml';
import { SPECS_DIR } from './areas.mjs';
import { diffSpecs, suggestBump } from './spec-diff-lib.mjs';

function load(arg) {
  const file = resolve(process.env.INIT_CWD ?? process.cwd(), arg);
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    const doc = file.endsWith('.json') ? JSON.parse(text) : YAML.parse(text);
    if (JSON.stringify(doc).includes('"$ref":"paths/') || JSON.stringify(doc).includes('"$ref":"./paths/')) {
      // A multi-file root: bundle it so references resolve.
      const dir = mkdtempSync(join(tmpdir(), 'tagokit-diff-'));
      const out = join(dir, 'bundle.json');
      const run = spawnSync(
        join(SPECS_DIR, 'node_modules', '.bin', 'redocly'),
        ['bundle', file, '--output', out, '--ext', 'json'],
        { encoding: 'utf8' },
      );
      if (run.status !== 0) throw new Error(`cannot bundle ${arg}: ${run.stderr}`);
      const bundled = JSON.parse(readFileSync(out, 'utf8'));
      rmSync(dir, { recursive: true, force: true });
      return bundled;
    }
    return doc;
  }
  try {
    return JSON.parse(
      execFileSync('git', ['show', `${arg}:specs/dist/tagoio.openapi.json`], {
        cwd: SPECS_DIR,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 64 * 1024 * 1024,
      }),
    );
  } catch {
    throw new Error(`"${arg}" is neither a spec file nor a git ref with specs/dist/tagoio.openapi.json`);
  }
}

const args = process.argv.slice(2).filter((a) => a !== '--json');
if (args.length !== 2) {
  console.error('usage: pnpm spec:diff <old file|git ref> <new file|git ref> [--json]');
  process.exit(2);
}
let oldDoc;
let newDoc;
try {
  oldDoc = load(args[0]);
  newDoc = load(args[1]);
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
const changes = diffSpecs(oldDoc, newDoc);
const bump = suggestBump(changes);
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ bump, changes }, null, 2));
} else {
  for (const level of ['breaking', 'minor', 'patch']) {
    const list = changes.filter((c) => c.level === level);
    if (!list.length) continue;
    console.log(`${level} (${list.length}):`);
    for (const c of list) console.log(`  ${c.rule.padEnd(24)} ${c.where}: ${c.detail}`);
  }
  console.log(`spec ${oldDoc.info?.version} -> ${newDoc.info?.version}: suggested bump ${bump}`);
}
