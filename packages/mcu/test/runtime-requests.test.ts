import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { read } from './helpers/engines.js';

// getFile is no device operation, so no build has it: this is the method the generator writes for it (its test
// checks the `['path']` argument), added to the built device module.
const GET_FILE = `Client.prototype.getFile = function (args, cb) {
  return this.request('GET', '/file/{profileID}/{path}', args, cb, 0, ['path']);
};`;

type Client = Record<string, (a: unknown, cb: (e: unknown) => void) => void>;

/** The built device module with getFile added, and the paths its transport was asked to send. */
function clientWithGetFile(): { client: Client; paths: string[] } {
  const module = { exports: {} as { createClient: (o: object) => Client } };
  const context = { module, exports: module.exports, setTimeout, clearTimeout };
  runInNewContext(`${read('dist/tagokit.js')}\n${GET_FILE}`, context);
  const paths: string[] = [];
  const transport = (q: { path: string }, cb: (e: unknown, r: unknown) => void) => {
    paths.push(q.path);
    cb(null, { status: 200, headers: {}, body: '{"status":true,"result":"u"}' });
  };
  return { client: module.exports.createClient({ token: 'b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d', transport }), paths };
}

describe('request building in the runtime (dist/tagokit.js)', () => {
  it('keeps the slashes of a file path and refuses its dot segments, also written %2E', () => {
    const { client, paths } = clientWithGetFile();
    const errors: unknown[] = [];
    client['getFile']!({ profileID: 'p1', path: '/reports/2024/a b.csv', noRedirect: true }, (e) => errors.push(e));
    client['getFile']!({ profileID: 'p1', path: 'reports/%2E%2e/secret' }, (e) => errors.push(e));
    expect(paths).toEqual(['/file/p1/reports/2024/a%20b.csv?noRedirect=true']);
    expect(errors[0]).toBeNull();
    expect(errors[1]).toMatchObject({ name: 'TagoValidationError', code: 'path_param_invalid', field: 'path' });
  });

  it('refuses arguments that are not an object, as the core does (args_invalid), sending nothing', () => {
    const { client, paths } = clientWithGetFile();
    const errors: unknown[] = [];
    for (const args of ['abc', ['a'], 7]) client['getData']!(args, (e) => errors.push(e));
    expect(paths).toEqual([]);
    const refused = { name: 'TagoValidationError', code: 'args_invalid', field: 'args' };
    for (const e of errors) expect(e).toMatchObject(refused);
  });
});
