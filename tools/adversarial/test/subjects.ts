import { resolveRegion, type CallOptions } from '@tagokit/core';
import type { OperationContext } from '@tagokit/core/internal';
import { createEdgeClient, createLeanClient } from '@tagokit/edge';
import { createClient } from '@tagokit/node';

export const TOKEN = 'b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d';

/** Fast retries with no jitter, so a test can tell a backoff from a 0 ms wait. */
const RETRY = { initialDelayMs: 40, maxDelayMs: 40, jitter: 0 };

export interface Subject {
  name: string;
  /** Whether the subject retries and times out (the lean client sends one attempt). */
  full: boolean;
  make(
    url: string,
    extra?: Record<string, unknown>,
  ): OperationContext & { close?: (o?: { timeoutMs?: number }) => Promise<void> };
}

/** The three ways a user sends a call: the Node client (undici), the edge client (fetch) and the lean client. */
export const SUBJECTS: Subject[] = [
  {
    name: 'node',
    full: true,
    make: (url, extra = {}) => {
      const client = createClient({
        token: TOKEN,
        region: { api: url },
        allowInsecureHttp: true,
        retry: RETRY,
        ...extra,
      });
      return { core: client.core, tokenKind: undefined, close: client.close };
    },
  },
  {
    name: 'edge',
    full: true,
    make: (url, extra = {}) =>
      createEdgeClient({ token: TOKEN, region: { api: url }, allowInsecureHttp: true, retry: RETRY, ...extra }),
  },
  {
    name: 'lean',
    full: false,
    make: (url, extra = {}) =>
      createLeanClient({ token: TOKEN, region: resolveRegion({ api: url }, { allowInsecureHttp: true }), ...extra }),
  },
];

/** Runs a promise and hands back what it rejected with (or fails when it resolves). */
export async function rejection(promise: PromiseLike<unknown>): Promise<Record<string, unknown> & Error> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown> & Error;
  }
  throw new Error('expected the call to fail');
}

export type { CallOptions };
