// Run by `deno test` (from test/deno.test.ts): the package imported with an `npm:` specifier, as a deno-rt2025
// analysis does, resolved from this package's node_modules (package.json present: Deno's "bring your own
// node_modules" mode). Cloud mode with the variables given as options: the run's context and outcome.
import { AnalysisRouter, environmentMap, parseEnvironment, runAnalysis } from 'npm:@tagokit/analysis';

function equal(actual: unknown, expected: unknown): void {
  const [a, e] = [JSON.stringify(actual), JSON.stringify(expected)];
  if (a !== e) throw new Error(`expected ${e}, got ${a}`);
}

Deno.test('npm:@tagokit/analysis runs a cloud-mode analysis', async () => {
  const lines: string[] = [];
  const router = new AnalysisRouter().onDeviceListButton('reboot', (context, scope) => {
    context.log(`reboot ${scope[0]?.device} limit ${context.env['limit']}`);
  });
  const outcome = await runAnalysis(router.handler, {
    env: {
      T_ANALYSIS_CONTEXT: 'tago-io',
      T_ANALYSIS_TOKEN: 'a-65f00000-0000-4000-8000-0000000000b1',
      T_ANALYSIS_ENV: '[{"key":"limit","value":"3"}]',
      T_ANALYSIS_DATA: '[{"device":"65f0000000000000000000a1","device_list_button_id":"reboot"}]',
    },
    stdout: (line) => lines.push(line),
    stderr: (line) => lines.push(`stderr: ${line}`),
  });
  equal(outcome, { mode: 'cloud', exitCode: 0, runs: 1 });
  equal(lines, ['reboot 65f0000000000000000000a1 limit 3']);
  equal({ ...environmentMap(parseEnvironment('{"a":1}')) }, { a: '1' });
});
