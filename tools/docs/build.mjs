#!/usr/bin/env node
// `npm run docs`: the API reference site, TypeDoc over the sources of every typed npm package (typedoc.json; one
// entry per package), written to tools/docs/site. The build fails on any TypeDoc warning, and then checks the result
// (from TypeDoc's JSON output): one entry per package, and every operation of the spec listed in @tagokit/api and in
// @tagokit/edge with its token kinds. With --check (the nx `test` target, in `npm test`) it also writes
// { suite, passed, failed } to $TAGOKIT_RESULTS_DIR/docs.json. (@tagokit/mcu is untyped ES5 and @tagokit/deno is
// documented by JSR from its sources; both re-export nothing these pages lack.)
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const PACKAGES = [
  '@tagokit/core',
  '@tagokit/api',
  '@tagokit/node',
  '@tagokit/edge',
  '@tagokit/helpers',
  '@tagokit/analysis',
];
/** TypeDoc's reflection kinds used here (typedoc's ReflectionKind). */
const KIND = { function: 64, reference: 4194304 };

const site = join(here, 'site');
const jsonFile = join(site, 'api.json');
const typedoc = join(here, 'node_modules', 'typedoc', 'bin', 'typedoc');
const started = Date.now();
const build = spawnSync(process.execPath, [typedoc, '--out', site, '--json', jsonFile], {
  cwd: here,
  encoding: 'utf8',
});
const output = `${build.stdout}${build.stderr}`;

const checks = [];
const check = (label, problems) => {
  checks.push({ label, problems });
  console.log(`  ${problems.length ? 'FAIL' : 'ok  '} ${label}`);
  for (const p of problems.slice(0, 20)) console.log(`       ${p}`);
  if (problems.length > 20) console.log(`       ... and ${problems.length - 20} more`);
};

const warnings = output.split('\n').filter((line) => /\[(warning|error)\]/.test(line));
check('typedoc builds with no warning and no error (treatWarningsAsErrors)', [
  ...warnings,
  ...(build.status === 0 ? [] : [`typedoc exited with ${build.status}`]),
]);

if (build.status === 0) {
  const project = JSON.parse(readFileSync(jsonFile, 'utf8'));
  const entries = (project.children ?? []).map((c) => c.name);
  check(
    `one entry per package: ${PACKAGES.join(', ')}`,
    PACKAGES.filter((p) => !entries.includes(p)).map((p) => `no entry for ${p}`),
  );

  /** The direct children of a reflection, by name. */
  const childrenByName = (node) => new Map((node?.children ?? []).map((child) => [child.name, child]));
  const all = [];
  const collect = (node) => {
    all.push(node);
    for (const child of node.children ?? []) collect(child);
  };
  collect(project);
  const text = (comment) => (comment?.summary ?? []).map((part) => part.text).join('');
  const operations = Object.values(await import(pathToFileURL(join(root, 'packages/api/dist/operations.js')).href));
  const expected = (op) =>
    op.kinds.length ? `Token kinds: ${op.kinds.join(', ')}.` : 'Token kinds: none (no token needed).';
  // The api's operation functions are its `functions` entry; the edge re-exports them at its top.
  const apiEntry = project.children?.find((c) => c.name === '@tagokit/api');
  const places = {
    '@tagokit/api (functions)': apiEntry?.children?.find((c) => c.name === 'functions'),
    '@tagokit/edge': project.children?.find((c) => c.name === '@tagokit/edge'),
  };
  for (const [name, entry] of Object.entries(places)) {
    const names = childrenByName(entry);
    const problems = [];
    for (const op of operations) {
      let reflection = names.get(op.id);
      // A re-export (edge re-exports the api's functions) points at the function it names.
      if (reflection?.kind === KIND.reference) reflection = all.find((r) => r.id === reflection.target);
      if (reflection?.kind !== KIND.function) problems.push(`${op.id}: no function page`);
      else if (!text(reflection.signatures?.[0]?.comment).includes(expected(op)))
        problems.push(`${op.id}: its page does not say "${expected(op)}"`);
    }
    check(`${name}: all ${operations.length} operations listed, each with its token kinds`, problems);
  }
}

const failed = checks.filter((c) => c.problems.length).length;
console.log(
  `\ndocs: ${checks.length - failed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s); site in ${site}`,
);
if (process.argv.includes('--check') && process.env.TAGOKIT_RESULTS_DIR) {
  mkdirSync(process.env.TAGOKIT_RESULTS_DIR, { recursive: true });
  const report = { suite: 'docs', passed: checks.length - failed, failed };
  writeFileSync(join(process.env.TAGOKIT_RESULTS_DIR, 'docs.json'), `${JSON.stringify(report)}\n`);
}
process.exit(failed ? 1 : 0);
