// Keeps the root's `paths:` block in step with the area files: `--write` rewrites it, the default checks it.
// The area files are the source of truth; the root only points at them, one line per path.
import { readFileSync } from 'node:fs';
import { renderPathsBlock, ROOT_FILE, writeText } from './areas.mjs';

const text = readFileSync(ROOT_FILE, 'utf8');
const match = /^paths:\n(?:(?: {2}.*|)\n)*/m.exec(text);
if (!match) {
  console.error('openapi.yaml has no paths: block');
  process.exit(1);
}
const wanted = `${renderPathsBlock()}\n`;
if (match[0] === wanted) {
  console.log('paths index is up to date');
} else if (process.argv.includes('--write')) {
  writeText(ROOT_FILE, text.replace(match[0], wanted));
  console.log('paths index rewritten');
} else {
  console.error('openapi.yaml paths: block is out of date; run `pnpm --filter @tagokit/specs run paths:write`');
  process.exit(1);
}
