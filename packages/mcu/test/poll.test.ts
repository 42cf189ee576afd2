import { describe, expect, it } from 'vitest';
import { ENGINES, ESPRUINO_BIN, asScript, lastJson, read, runEngine } from './helpers/engines.js';
import { REPLY, startXs, xsAvailable } from './helpers/xs.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Out = Record<string, any>;

const builtins = read('test/engines/espruino-builtins.js');
const harness = `${asScript(read('dist/tagokit-poll.js'), 'POLL')}${read('test/engines/poll-harness.js')}`;
const script = (prelude: string) => `${prelude}${harness}print(JSON.stringify(pollResults()));\n`;

const runs: Record<string, () => Promise<Out>> = {
  mujs: async () => lastJson<Out>(runEngine(ENGINES.mujs, script(''))),
  duktape: async () => lastJson<Out>(runEngine(ENGINES.duktape, script(''))),
  "mujs on Espruino's built-ins": async () => lastJson<Out>(runEngine(ENGINES.mujs, script(builtins))),
  "duktape on Espruino's built-ins": async () => lastJson<Out>(runEngine(ENGINES.duktape, script(builtins))),
};
if (xsAvailable()) {
  // The ES module build, as Moddable loads it, evaluated in real XS: its default export is the helpers.
  runs['XS (xsnap), the Moddable module'] = async () => {
    const xs = startXs(() => '');
    try {
      const module = read('dist/moddable/tagokit-poll.js').replace('export default module.exports;', '');
      await xs.evaluate(`var POLL = (function () {\n${module}\nreturn module.exports; })();\n${read('test/engines/poll-harness.js')}`);
      return JSON.parse((await xs.evaluate(REPLY('pollResults()'))).reply) as Out;
    } finally {
      await xs.close();
    }
  };
}

const DENIED = { code: 'authentication', message: 'Authorization Denied', status: 401 };
const LIST = 'list {"sent_status":false}';

for (const [engine, results] of Object.entries(runs)) {
  describe(`polling helpers in ${engine}`, async () => {
    const out = await results();

    it('pollConfigParams acknowledges a parameter only after its handler succeeded, one at a time', () => {
      expect(out['mixed'].log).toEqual([
        LIST,
        'handle interval=60',
        'ack p1 {"sent":true}',
        'handle relay=on',
        'handle mode=eco',
      ]);
      expect(out['mixed'].error).toBeNull();
      expect(out['mixed'].report).toEqual({
        acknowledged: ['p1'],
        failed: [
          { id: 'p2', key: 'relay', error: { code: 'relay_stuck', message: 'relay did not switch' } },
          { id: 'p3', key: 'mode', error: { code: 'bad_mode', message: 'eco' } },
        ],
      });
      expect(out['async'].log).toEqual([
        LIST,
        'handle p1',
        'applied p1',
        'ack p1 {"sent":true}',
        'handle p2',
        'applied p2',
        'ack p2 {"sent":true}',
      ]);
      expect(out['async'].report).toEqual({ acknowledged: ['p1', 'p2'], failed: [] });
      expect(out['twice'].log).toEqual([LIST, 'ack p1 {"sent":true}']);
      expect(out['twice'].calls).toBe(1);
    });
    it('pollConfigParams ends the round on a failed list or acknowledgement, and calls back once', () => {
      expect(out['listError']).toMatchObject({ error: DENIED, log: [LIST], calls: 1 });
      expect(out['ackError'].log).toEqual([LIST, 'handle p1', 'ack p1 {"sent":true}']);
      expect(out['ackError']).toMatchObject({ error: DENIED, report: { acknowledged: [], failed: [] }, calls: 1 });
      expect(out['notAList'].error).toEqual({
        code: 'not_a_list',
        message: 'GET /device/params did not answer a list',
        status: 200,
      });
      expect(out['empty']).toMatchObject({ error: null, report: { acknowledged: [], failed: [] }, calls: 1 });
    });
    it('pollLastValue reads the last value and says whether it is new', () => {
      // mujs sorts an object's keys, the others keep their order: compare the arguments, not their text.
      expect(out['lastValue'].log).toHaveLength(1);
      expect(JSON.parse(out['lastValue'].log[0].slice('getData '.length))).toEqual({
        variables: 'setpoint',
        query: 'last_value',
      });
      expect(out['lastValue']).toMatchObject({ error: null, changed: true, report: { id: 'r1', value: 22 } });
      expect(out['sameId']).toMatchObject({ changed: false, report: { id: 'r1', value: 23 } });
      expect(out['newId']).toMatchObject({ changed: true, report: { id: 'r2' } });
      expect(out['sameNoId'].changed).toBe(false);
      expect(out['newValueNoId'].changed).toBe(true);
      expect(out['noRecord']).toMatchObject({ error: null, report: null, changed: false });
      expect(out['dataError']).toMatchObject({ error: DENIED, report: null, changed: false });
    });
  });
}

// Both builds over the fake Espruino http, on Espruino's built-ins: what goes on the wire.
const wire = (engine: string, prelude: string) =>
  lastJson<Out>(
    runEngine(
      engine,
      `${prelude}${asScript(read('dist/tagokit-tiny.js'), 'TINY')}${asScript(read('dist/tagokit.js'), 'FULL')}` +
        `${asScript(read('dist/tagokit-poll.js'), 'POLL')}${read('test/engines/espruino-http.js')}
var TOKEN = 'b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d', seen = {};
var clients = {
  tiny: TINY.createClient({ token: TOKEN, http: http }),
  full: FULL.createClient({ token: TOKEN, transport: FULL.espruino(http), maxRetries: 0 })
};
['tiny', 'full'].forEach(function (name) {
  seen[name] = {};
  POLL.pollConfigParams(clients[name], function (param, next) {
    seen[name].param = param.key + '=' + param.value;
    next();
  }, function (e, report) {
    seen[name].params = { error: e || null, report: report };
  });
  POLL.pollLastValue(clients[name], 'temperature', function (e, record, changed) {
    seen[name].last = { error: e || null, record: record, changed: changed };
  });
});
runTimers();
seen.log = log;
print(JSON.stringify(seen));
`,
    ),
  );

const wireRuns: Record<string, () => Out> = {
  "mujs on Espruino's built-ins": () => wire(ENGINES.mujs, builtins),
  "duktape on Espruino's built-ins": () => wire(ENGINES.duktape, builtins),
};
// A real Espruino binary has the real built-ins, so the models are left out.
if (ESPRUINO_BIN) wireRuns[`Espruino ${ESPRUINO_BIN}`] = () => wire(ESPRUINO_BIN!, '');

for (const [engine, run] of Object.entries(wireRuns)) {
  describe(`polling helpers over both builds and a fake Espruino http, ${engine}`, () => {
    const out = run();
    for (const build of ['tiny', 'full']) {
      it(`${build}: lists unsent parameters, acknowledges the handled one, reads the last value`, () => {
        expect(out[build].param).toBe('interval=60');
        expect(out[build].params).toEqual({ error: null, report: { acknowledged: ['p1'], failed: [] } });
        expect(out[build].last).toEqual({
          error: null,
          record: { variable: 'temperature', value: 21.5 },
          changed: true,
        });
      });
    }
    it('sends exactly the list, the acknowledgement and the last-value read, per build', () => {
      const paths = out['log'].map((l: Out) => `${l['method']} ${l['path']} ${l['body'] ?? ''}`.trim());
      const once = [
        'GET /device/params?sent_status=false',
        'GET /data?variables=temperature&query=last_value',
        'PUT /device/params/p1 {"sent":true}',
      ];
      const sorted = (list: string[]) => list.map((p) => p.replace(/\?(.*?)( |$)/, (_, q, end) => `?${q.split('&').sort().join('&')}${end}`)).sort();
      expect(sorted(paths)).toEqual(sorted([...once, ...once]));
    });
  });
}
