// The upload requests as they go on the wire, recorded by a transport (web APIs only: Node's upload.test.ts and the
// web runtimes' worker use the same recorder), and a stable text form of them to compare.
import { fetchTransport, type Transport } from '@tagokit/core';

/** One request as sent: its path, the multipart step and part (from the form or JSON body), and whether it was aborted. */
export interface SentUploadRequest {
  path: string;
  /** `start`, `upload`, `end`, or `base64` for the JSON list of the small-file route. */
  step: string;
  part?: string;
  /** A part's bytes on the wire. */
  bytes?: number;
  aborted: boolean;
}

/**
 * A transport over fetch that records each request with its step; `onSending` runs once the request has been handed
 * to fetch (it is in flight).
 */
export function recordingUploadTransport(onSending?: (entry: SentUploadRequest) => void): {
  transport: Transport;
  sent: SentUploadRequest[];
} {
  const sent: SentUploadRequest[] = [];
  const inner = fetchTransport();
  const transport: Transport = async (request) => {
    const entry: SentUploadRequest = { path: new URL(request.url).pathname, step: 'base64', aborted: false };
    request.signal.addEventListener('abort', () => {
      entry.aborted = true;
    });
    if (request.body instanceof Blob) {
      const form = await new Response(request.body, { headers: { 'content-type': request.headers['content-type']! } })
        .formData()
        .catch(() => undefined);
      entry.step = String(form?.get('multipart_action') ?? 'unknown');
      if (form?.has('part')) entry.part = String(form.get('part'));
      if (form?.has('file')) entry.bytes = (form.get('file') as Blob).size;
    } else if (typeof request.body === 'string' && request.body.startsWith('{')) {
      entry.step = JSON.parse(request.body).multipart_action;
    }
    sent.push(entry);
    const answer = inner(request);
    onSending?.(entry);
    return answer;
  };
  return { transport, sent };
}

/**
 * The requests as `step part bytes` lines: start first, the part requests (retries included) by part number, since
 * they travel in parallel, then end.
 */
export function wireLines(sent: readonly SentUploadRequest[]): string[] {
  const lines = sent.map((s) => [s.step, s.part, s.bytes].filter((v) => v !== undefined).join(' '));
  const parts = lines.filter((l) => l.startsWith('upload')).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return [...lines.filter((l) => l === 'start'), ...parts, ...lines.filter((l) => l === 'end')];
}
