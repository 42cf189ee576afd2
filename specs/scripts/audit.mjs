// Prints how much of the known API the bundled spec covers and fails on any gap that EXCLUDED.md does not
// explain: every inventory operation (with its token kinds), every operation of TagoIO's own OpenAPI file (its
// errors mapped through UPSTREAM-CORRECTIONS.md), and the structural rules of CONVENTIONS.md.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_JSON, SPECS_DIR } from './areas.mjs';
import { auditSpec } from './audit-lib.mjs';

export const readTsv = (file) =>
  readFileSync(join(SPECS_DIR, 'coverage', file), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .slice(1)
    .map((l) => l.split('\t'));

const r = auditSpec({
  bundle: JSON.parse(readFileSync(DIST_JSON, 'utf8')),
  inventory: readTsv('inventory-operations.tsv'),
  upstream: readTsv('upstream-operations.tsv'),
  excludedText: readFileSync(join(SPECS_DIR, 'EXCLUDED.md'), 'utf8'),
  correctionsText: readFileSync(join(SPECS_DIR, 'UPSTREAM-CORRECTIONS.md'), 'utf8'),
});
const problems = [...r.problems];
const perTag = {};
for (const op of r.ops) perTag[op.raw.tags?.[0]] = (perTag[op.raw.tags?.[0]] ?? 0) + 1;
const pct = (a, b) => `${((100 * a) / b).toFixed(1)} %`;
console.log(`operations in the bundle: ${r.ops.length}`);
for (const [tag, n] of Object.entries(perTag)) console.log(`  ${tag.padEnd(24)} ${n}`);
console.log(
  `inventory: ${r.covered}/${r.expected} non-excluded endpoints covered (${pct(r.covered, r.expected)}), token kinds agree on ${r.kindsOk}/${r.covered}; excluded: ${r.excludedSeen}`,
);
const up = r.upstreamCovered + r.upstreamCorrected;
console.log(
  `upstream OpenAPI: ${r.upstreamCovered} matched + ${r.upstreamCorrected} corrected = ${up}/${r.upstreamTotal} (${pct(up, r.upstreamTotal)})`,
);
console.log(`examples (success responses and request bodies): ${r.examples}`);
if (!existsSync(join(SPECS_DIR, 'CHANGELOG.md'))) problems.push('specs/CHANGELOG.md is missing');
if (problems.length) {
  console.error(`\n${problems.length} problem(s):`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log('audit passed');
