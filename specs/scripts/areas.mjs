// The spec's area files, in the order the root lists them, and helpers the spec scripts share.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

export const SPECS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SPEC_DIR = join(SPECS_DIR, 'tagoio');
export const ROOT_FILE = join(SPEC_DIR, 'openapi.yaml');
export const DIST_YAML = join(SPECS_DIR, 'dist', 'tagoio.openapi.yaml');
export const DIST_JSON = join(SPECS_DIR, 'dist', 'tagoio.openapi.json');

export const AREAS = [
  'info',
  'device-data',
  'network-integration',
  'account',
  'billing',
  'profiles',
  'devices',
  'dashboards',
  'widgets',
  'analyses',
  'analysis-services',
  'actions',
  'access-management',
  'run',
  'run-user',
  'notifications',
  'secrets',
  'entities',
  'files',
  'integration',
  'service-authorization',
  'dictionaries',
  'tagocore',
  'templates',
  'sql',
  'realtime',
];

export const readYaml = (file) => YAML.parse(readFileSync(file, 'utf8'));

/** JSON-pointer form of a path key (RFC 6901). */
export const pointer = (path) => `#/${path.replaceAll('~', '~0').replaceAll('/', '~1')}`;

/** Every path of every area file, in root order: [{ area, path, ref }]. */
export function areaPaths() {
  const out = [];
  for (const area of AREAS) {
    const file = `paths/${area}.yaml`;
    const doc = readYaml(join(SPEC_DIR, file));
    for (const path of Object.keys(doc)) out.push({ area, path, ref: `${file}${pointer(path)}` });
  }
  return out;
}

/** The `paths:` block of the root as it must read. */
export function renderPathsBlock() {
  const lines = ['paths:'];
  let last = '';
  for (const { area, path, ref } of areaPaths()) {
    if (area !== last) lines.push(`  # ${area}`);
    last = area;
    lines.push(`  ${path}:`, `    $ref: '${ref}'`);
  }
  return lines.join('\n');
}

export function writeText(file, text) {
  writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
}
