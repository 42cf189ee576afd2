import type { Transport, WireRequest, WireResponse } from '../src/index.js';

export const DEVICE_TOKEN = 'b1d4c2a0-3f5e-4d8a-9c7b-2e6f1a0b9c3d';
export const PROFILE_TOKEN = 'p-5c2d9a7e-1b3f-4e6a-8d0c-9f1e2a3b4c5d';

export const envelope = (result: unknown, extra: Record<string, unknown> = {}): WireResponse => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ status: true, result, ...extra }),
});

/** A transport that records every request and answers from a script (one answer per call, the last repeats). */
export function recorder(...answers: (WireResponse | ((req: WireRequest) => WireResponse))[]) {
  const requests: WireRequest[] = [];
  const transport: Transport = async (req) => {
    requests.push(req);
    const answer = answers[Math.min(requests.length - 1, answers.length - 1)] ?? envelope(null);
    return typeof answer === 'function' ? answer(req) : answer;
  };
  return { transport, requests };
}
