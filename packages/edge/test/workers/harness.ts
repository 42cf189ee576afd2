// The handler both runtimes run (bundled by esbuild): POST /contract calls operations of @tagokit/edge against
// the Prism mock, POST /vectors runs the shared test vectors against the core as @tagokit/edge re-exports it.
import { checkVectors, type VectorData } from '@tagokit/test-vectors';
import envelope from '@tagokit/test-vectors/data/envelope.json' with { type: 'json' };
import errors from '@tagokit/test-vectors/data/errors.json' with { type: 'json' };
import query from '@tagokit/test-vectors/data/query.json' with { type: 'json' };
import regions from '@tagokit/test-vectors/data/regions.json' with { type: 'json' };
import retry from '@tagokit/test-vectors/data/retry.json' with { type: 'json' };
import paths from '@tagokit/test-vectors/data/paths.json' with { type: 'json' };
import tokens from '@tagokit/test-vectors/data/tokens.json' with { type: 'json' };
import * as edge from '../../src/index.js';
import {
  buildPath,
  decideRetry,
  parseAnswer,
  retryAfterFrom,
  serializeQuery,
  validateToken,
} from '@tagokit/core/internal';
import type { AttemptOutcome, QueryValue } from '@tagokit/core/internal';
import { createEdgeClient, fetchTransport, resolveRegion } from '../../src/index.js';
import type { RegionInput, TagoPromise } from '../../src/index.js';
import { forPrism } from './prism.js';

/** What the Node side sends to /contract. */
export interface ContractRequest {
  api: string;
  token: string;
  cases: { id: string; args?: Record<string, unknown> }[];
}

/** What the runtime answers for one operation. */
export type ContractOutcome =
  | { id: string; ok: true; status: number; violations: string | undefined; data: unknown }
  | { id: string; ok: false; error: { name: string; code?: string; status?: number; message: string } };

type OperationFunction = (client: edge.EdgeClient, ...rest: unknown[]) => TagoPromise<unknown>;

async function runContract(input: ContractRequest): Promise<ContractOutcome[]> {
  const client = createEdgeClient({
    token: input.token,
    region: { api: input.api },
    allowInsecureHttp: true,
    maxRetries: 0,
    transport: forPrism(fetchTransport()),
  });
  const out: ContractOutcome[] = [];
  for (const c of input.cases) {
    const fn = (edge as unknown as Record<string, OperationFunction | undefined>)[c.id];
    try {
      if (typeof fn !== 'function') throw new Error(`@tagokit/edge exports no function ${c.id}`);
      const answer = await (c.args ? fn(client, c.args) : fn(client)).withResponse();
      out.push({
        id: c.id,
        ok: true,
        status: answer.status,
        violations: answer.headers['sl-violations'],
        data: answer.data,
      });
    } catch (e) {
      const error = e as { name: string; code?: string; status?: number; message: string };
      out.push({
        id: c.id,
        ok: false,
        error: { name: error.name, code: error.code, status: error.status, message: error.message },
      });
    }
  }
  return out;
}

function runVectors() {
  const data = { envelope, errors, query, regions, tokens, retry, paths } as unknown as VectorData;
  return checkVectors(
    {
      parseAnswer: ({ token, ...input }) => parseAnswer({ ...input, secrets: [token] }),
      serializeQuery: (q) => serializeQuery(q as Record<string, QueryValue>),
      resolveRegion: (i, options) => resolveRegion(i as RegionInput, options),
      validateToken: (token) => void validateToken(token),
      decideRetry: (i) => decideRetry({ ...i, outcome: i.outcome as AttemptOutcome }),
      retryAfterFrom: (headers, message, now) => retryAfterFrom(headers, message, now),
      buildPath: (template, params, ctx, reserved) =>
        buildPath(template, params as Record<string, string>, ctx, reserved),
    },
    data,
  );
}

/** The runtime it runs in, as the runtime itself reports it. */
function runtimeName(): string {
  const g = globalThis as { EdgeRuntime?: string; navigator?: { userAgent?: string } };
  return g.EdgeRuntime ? `edge-runtime (${g.EdgeRuntime})` : (g.navigator?.userAgent ?? 'unknown');
}

export async function handle(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (pathname === '/contract') return Response.json(await runContract((await request.json()) as ContractRequest));
  if (pathname === '/vectors') return Response.json(runVectors());
  if (pathname === '/runtime') {
    const g = globalThis as { process?: unknown; require?: unknown; Buffer?: unknown };
    return Response.json({
      runtime: runtimeName(),
      process: typeof g.process,
      require: typeof g.require,
      buffer: typeof g.Buffer,
    });
  }
  return new Response('not found', { status: 404 });
}
