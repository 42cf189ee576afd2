import { describe, expect, it } from 'vitest';
import { ENGINES, asScript, lastJson, read, runEngine } from './helpers/engines.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Out = Record<string, any>;

/**
 * The Espruino examples as a user copies them: `require` answers the module names they ask for (the names the
 * examples have the user write to Storage) with the built files, and `http` with the fake Espruino http module, on
 * Espruino's built-ins. Two rounds of the fake clock run (the examples reschedule themselves every 60 s).
 */
const runExample = (engine: string, file: string) =>
  lastJson<Out>(
    runEngine(
      engine,
      `${read('test/engines/espruino-builtins.js')}${read('test/engines/espruino-http.js')}` +
        asScript(read('dist/tagokit.js'), 'MODULE_FULL') +
        asScript(read('dist/tagokit-tiny.js'), 'MODULE_TINY') +
        asScript(read('dist/tagokit-poll.js'), 'MODULE_POLL') +
        `var printed = [], realPrint = print, temperatures = [21.5, NaN];
var E = { getTemperature: function () { return temperatures.shift(); } };
var require = function (name) {
  var modules = { http: http, tagokit: MODULE_FULL, 'tagokit-tiny': MODULE_TINY, 'tagokit-poll': MODULE_POLL };
  if (!modules[name]) throw new Error('no module ' + name);
  return modules[name];
};
print = function (s) { printed.push(String(s)); };
${read(file).replace("'YOUR-DEVICE-TOKEN'", "'b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d'")}
for (;;) {
  var best = 0, ti, t;
  for (ti = 1; ti < timers.length; ti++) if (timers[ti].at < timers[best].at) best = ti;
  if (!timers.length || timers[best].at > 100000) break;
  t = timers.splice(best, 1)[0];
  now = t.at;
  t.f();
}
realPrint(JSON.stringify({ printed: printed, log: log, pending: timers.length }));
`,
    ),
  );

const requests = (out: Out) =>
  out['log'].map((l: Out) =>
    `${l['method']} ${l['host']}:${l['port']} ${l['path']}`.replace(/\?(.*)$/, (_, q: string) => `?${q.split('&').sort().join('&')}`),
  );

for (const engine of ['mujs', 'duktape'] as const) {
  describe(`the Espruino examples as copied, ${engine} on Espruino's built-ins`, () => {
    it('main.js: sends, applies and acknowledges parameters, follows the setpoint, one request at a time', () => {
      const out = runExample(ENGINES[engine], 'examples/espruino/main.js');
      expect(requests(out)).toEqual([
        'POST api.us-e1.tago.io:443 /data',
        'GET api.us-e1.tago.io:443 /device/params?sent_status=false',
        'PUT api.us-e1.tago.io:443 /device/params/p1',
        'GET api.us-e1.tago.io:443 /data?query=last_value&variables=setpoint',
        // Second round, 60 s later (the interval parameter): the NaN reading is skipped, not sent.
        'GET api.us-e1.tago.io:443 /device/params?sent_status=false',
        'PUT api.us-e1.tago.io:443 /device/params/p1',
        'GET api.us-e1.tago.io:443 /data?query=last_value&variables=setpoint',
      ]);
      // The same record the second time: the setpoint is applied once.
      expect(out['printed']).toEqual(['param interval = 60', 'setpoint 21.5', 'param interval = 60']);
      expect(out['pending']).toBe(1);
    });
    it('tiny.js: the tiny build over plain HTTP with _ssl=false', () => {
      const out = runExample(ENGINES[engine], 'examples/espruino/tiny.js');
      expect(requests(out)).toEqual([
        'POST api.us-e1.tago.io:80 /data',
        'GET api.us-e1.tago.io:80 /device/params?sent_status=false',
        'PUT api.us-e1.tago.io:80 /device/params/p1',
        'GET api.us-e1.tago.io:80 /device/params?sent_status=false',
        'PUT api.us-e1.tago.io:80 /device/params/p1',
      ]);
      expect(out['log'].every((l: Out) => l['headers']._ssl === 'false')).toBe(true);
      expect(out['printed']).toEqual([]);
    });
  });
}
