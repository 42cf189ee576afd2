import { describe, expect, it } from 'vitest';
import { ENGINES, lastJson, read, runEngine, vectorsScript, type EngineResult } from './helpers/engines.js';
import { REPLY, startXs, xsAvailable } from './helpers/xs.js';

/** Every shared vector: envelope, errors, query, regions, tokens, retry (decisions and Retry-After) and paths. */
const TOTAL = 161;

const script = vectorsScript();
const cases = lastJson<EngineResult[]>(runEngine(ENGINES.duktape, script)).map((r) => `${r.file}: ${r.name}`);

/**
 * On Espruino's built-ins (test/engines/espruino-builtins.js) every vector passes but these, with the reason: what
 * the board cannot tell apart, not what the client gets wrong.
 */
const ESPRUINO_DIFFERS: Record<string, string> = {
  'query: invalid date is refused': "new Date('not a date') is the epoch on Espruino, a valid Date the client cannot refuse (README)",
};

const onEspruino = vectorsScript(read('test/engines/espruino-builtins.js'));
const results: Record<string, EngineResult[]> = {
  mujs: lastJson<EngineResult[]>(runEngine(ENGINES.mujs, script)),
  duktape: lastJson<EngineResult[]>(runEngine(ENGINES.duktape, script)),
  "mujs on Espruino's built-ins": lastJson<EngineResult[]>(runEngine(ENGINES.mujs, onEspruino)),
  "duktape on Espruino's built-ins": lastJson<EngineResult[]>(runEngine(ENGINES.duktape, onEspruino)),
};
if (xsAvailable()) {
  const xs = startXs(() => '');
  const marker = 'print(JSON.stringify(runVectors(TAGOKIT, DATA)));';
  results['moddable-xs'] = JSON.parse((await xs.evaluate(script.replace(marker, REPLY('runVectors(TAGOKIT, DATA)')))).reply) as EngineResult[];
  await xs.close();
}

for (const [engine, list] of Object.entries(results)) {
  const espruino = engine.includes('Espruino');
  describe(`shared vectors in ${engine}`, () => {
    it(`runs every vector (${TOTAL})`, () => {
      expect(cases.length).toBe(TOTAL);
      expect(list.length).toBe(TOTAL);
      const skipped = espruino ? Object.keys(ESPRUINO_DIFFERS).length : 0;
      console.log(`[mcu] ${engine}: ${list.filter((r) => r.ok).length}/${list.length} vectors passed${skipped ? ` (${skipped} cannot pass there, listed with the reason)` : ''}`);
    });
    for (const [i, name] of cases.entries()) {
      const reason = espruino ? ESPRUINO_DIFFERS[name] : undefined;
      it(reason ? `${name} (differs: ${reason})` : name, () => {
        const r = list[i]!;
        expect(`${r.file}: ${r.name}`).toBe(name);
        if (reason) return void expect(r.ok).toBe(false);
        expect(r.detail ?? '').toBe('');
        expect(r.ok).toBe(true);
      });
    }
  });
}
