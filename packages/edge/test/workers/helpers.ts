// A Cloudflare Worker module for test/helpers.test.ts: POST /run { name, env } runs one of the shared helper
// scenarios (packages/helpers/test/scenarios) inside workerd over createEdgeClient, against the emulator and the
// recording servers the test host started on 127.0.0.1, and answers { passed: true } or the failure's message
// (support/worker-runtimes.ts hosts it in workerd, edge-runtime and a Chromium page).
import { createEdgeClient } from '../../src/index.js';
import { SCENARIOS, type ScenarioEnv } from '../../../helpers/test/scenarios/runtime-scenarios.ts';

export type HelperScenarioRequest = { name: string; env: Omit<ScenarioEnv, 'createClient'> };
export type HelperScenarioAnswer = { passed: true } | { passed: false; error: string };

/** Runs one scenario by name; a failure is answered, not thrown, so every host reports it the same way. */
export async function runHelperScenario(input: HelperScenarioRequest): Promise<HelperScenarioAnswer> {
  const scenario = SCENARIOS[input.name];
  if (!scenario) return { passed: false, error: `no scenario named ${JSON.stringify(input.name)}` };
  try {
    await scenario({
      ...input.env,
      createClient: (options) => createEdgeClient(options as Parameters<typeof createEdgeClient>[0]),
    });
    return { passed: true };
  } catch (error) {
    return { passed: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

export default {
  async fetch(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === '/run')
      return Response.json(await runHelperScenario((await request.json()) as HelperScenarioRequest));
    return new Response('not found', { status: 404 });
  },
};
