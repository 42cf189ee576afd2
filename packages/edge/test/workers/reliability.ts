// A Cloudflare Worker module for the reliability suite (test/reliability.test.ts): POST /writes sends one batch of
// writes with @tagokit/edge's createEdgeClient + sendData to the emulator on 127.0.0.1 and reports how each ended.
import { createEdgeClient, sendData, TagoError } from '../../src/index.js';

/** What the Node side sends to /writes. */
export interface WritesRequest {
  api: string;
  token: string;
  /** Write numbers; write i carries `metadata.write_id = "w<i>"`. */
  ids: number[];
  concurrency: number;
  timeoutMs: number;
}

export type WriteOutcome =
  | { i: number; ok: true; answer: unknown }
  | { i: number; ok: false; name: string; code: string; mayHaveBeenProcessed: boolean; typed: boolean };

export interface WritesAnswer {
  outcomes: WriteOutcome[];
  debugLines: number;
  tokenInDebug: boolean;
}

/** The client's waits (backoff, Retry-After) shortened so the run measures behaviour, not the clock. */
const quickSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 5)));

async function writes(input: WritesRequest): Promise<WritesAnswer> {
  const debug: string[] = [];
  const client = createEdgeClient({
    token: input.token,
    tokenKind: 'device',
    region: { api: input.api },
    allowInsecureHttp: true,
    timeoutMs: input.timeoutMs,
    sleep: quickSleep,
    debug: (line) => debug.push(line),
  });
  const outcomes: WriteOutcome[] = new Array(input.ids.length);
  let next = 0;
  const worker = async () => {
    for (let k = next++; k < input.ids.length; k = next++) {
      const i = input.ids[k]!;
      // One write in 97 is refused by validation (an empty variable name): a 400 that must say "not processed".
      const variable = i % 97 === 96 ? '' : 'reliability';
      try {
        const answer = await sendData(client, { body: [{ variable, value: i, metadata: { write_id: `w${i}` } }] });
        outcomes[k] = { i, ok: true, answer };
      } catch (e) {
        const error = e as { name?: unknown; code?: unknown; mayHaveBeenProcessed?: unknown };
        outcomes[k] = {
          i,
          ok: false,
          name: String(error?.name),
          code: String(error?.code),
          mayHaveBeenProcessed: error?.mayHaveBeenProcessed === true,
          typed: e instanceof TagoError && typeof error.mayHaveBeenProcessed === 'boolean',
        };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(input.concurrency, input.ids.length) }, worker));
  return { outcomes, debugLines: debug.length, tokenInDebug: debug.some((l) => l.includes(input.token)) };
}

export default {
  async fetch(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === '/writes') return Response.json(await writes((await request.json()) as WritesRequest));
    return new Response('not found', { status: 404 });
  },
};
