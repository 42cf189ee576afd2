import { describe, expect, it } from 'vitest';
import { ENGINES, lastJson, runEngine, vectorsScript, type EngineResult } from './helpers/engines.js';
import { REPLY, startXs, xsAvailable } from './helpers/xs.js';

const script = vectorsScript();
const cases = lastJson<EngineResult[]>(runEngine(ENGINES.duktape, script)).map((r) => `${r.file}: ${r.name}`);

const results: Record<string, EngineResult[]> = {
  mujs: lastJson<EngineResult[]>(runEngine(ENGINES.mujs, script)),
  duktape: lastJson<EngineResult[]>(runEngine(ENGINES.duktape, script)),
};
if (xsAvailable()) {
  const xs = startXs(() => '');
  const marker = 'print(JSON.stringify(runVectors(TAGOKIT, DATA)));';
  results['moddable-xs'] = JSON.parse((await xs.evaluate(script.replace(marker, REPLY('runVectors(TAGOKIT, DATA)')))).reply) as EngineResult[];
  await xs.close();
}

for (const [engine, list] of Object.entries(results)) {
  describe(`shared vectors in ${engine}`, () => {
    it('runs every vector', () => {
      expect(list.length).toBe(cases.length);
      console.log(`[mcu] ${engine}: ${list.filter((r) => r.ok).length}/${list.length} vectors passed`);
    });
    for (const [i, name] of cases.entries()) {
      it(name, () => {
        const r = list[i]!;
        expect(`${r.file}: ${r.name}`).toBe(name);
        expect(r.detail ?? '').toBe('');
        expect(r.ok).toBe(true);
      });
    }
  });
}
