// The contract harness: every runtime's generated contract tests start a Prism mock of the bundled spec here and
// validate what their client returns with the same ajv validator, so all runtimes are judged alike.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { envelopeResult, specOperations, successResponse } from '@tagokit/spec-model';
import { createValidator } from './schema-validator.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const BUNDLED_SPEC = join(here, '..', '..', '..', 'specs', 'dist', 'tagoio.openapi.json');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function startPrism({ spec = BUNDLED_SPEC, timeoutMs = 60_000 } = {}) {
  const port = await freePort();
  const cli = createRequire(import.meta.url).resolve('@stoplight/prism-cli/dist/index.js');
  const child = spawn(
    process.execPath,
    [cli, 'mock', spec, '--host', '127.0.0.1', '--port', String(port), '--errors'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  await new Promise((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      // Stop waiting and stop the process: a Prism that never came up must not outlive the test run.
      timedOut = true;
      child.kill();
      reject(new Error(`Prism did not start within ${timeoutMs} ms:\n${output.slice(-2000)}`));
    }, timeoutMs);
    const check = () => {
      if (timedOut) return;
      if (/Prism is listening/.test(output)) {
        clearTimeout(timer);
        resolve();
      } else if (child.exitCode !== null) {
        clearTimeout(timer);
        reject(new Error(`Prism exited with ${child.exitCode}:\n${output.slice(-2000)}`));
      } else setTimeout(check, 50);
    };
    check();
  });
  return {
    url,
    log: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * TagoIO reads arrays in the query as `ids[0]=a&ids[1]=b` (the `qs` convention the clients send); OpenAPI
 * cannot describe that form, and Prism reads arrays as repeated keys. This rewrites top-level indexed arrays to
 * repeated keys so Prism validates what the client meant; nested forms such as `filter[tags][0][key]` stay.
 */
export function queryForPrism(url) {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const pairs = url
    .slice(q + 1)
    .split('&')
    .map((pair) => pair.replace(/^([^=[\]]+)\[\d+\]=/, '$1='));
  return `${url.slice(0, q)}?${pairs.join('&')}`;
}

/** Wraps a transport so that what it sends reaches Prism in the form Prism parses (see queryForPrism). */
export function forPrism(transport) {
  return (request) => transport({ ...request, url: queryForPrism(request.url) });
}

let cached;
function specIndex() {
  if (!cached) {
    const bundle = JSON.parse(readFileSync(BUNDLED_SPEC, 'utf8'));
    const validate = createValidator(bundle);
    const byId = new Map();
    for (const { method, operation: op } of specOperations(bundle)) {
      if (!op.operationId) continue;
      const success = successResponse(bundle, op.responses);
      const media = success ? Object.values(success.response.content ?? {})[0] : undefined;
      // What the generated clients return: the envelope's `result` as the model finds it, or the raw body.
      const schema =
        media?.schema && op['x-tago-envelope'] !== false ? envelopeResult(bundle, media.schema) : media?.schema;
      byId.set(op.operationId, { schema, method });
    }
    cached = { byId, validate };
  }
  return cached;
}

export function validateResult(operationId, value) {
  const { byId, validate } = specIndex();
  const entry = byId.get(operationId);
  if (!entry) return [`unknown operation ${operationId}`];
  if (entry.schema === undefined) return [];
  return validate(entry.schema, value);
}
