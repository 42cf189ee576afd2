// A Worker module for test/upload.test.ts (hosted in workerd, edge-runtime and a Chromium page by
// support/worker-runtimes.ts): POST /upload makes a file from a seed inside the runtime and uploads it with
// @tagokit/helpers' uploadFile over createEdgeClient to the emulator on 127.0.0.1, as a Blob or as a stream of
// unknown length, reporting the result (or the typed error), every progress report, the requests as they went on
// the wire and the file's SHA-256.
import { createEdgeClient } from '../../src/index.js';
import { TagoUploadError, uploadFile, type UploadProgress } from '../../../helpers/src/index.ts';
import { generatedFile, sha256Hex, streamOf } from '../../../helpers/test/support/generated-file.ts';
import { recordingUploadTransport, wireLines } from '../../../helpers/test/support/upload-wire.ts';

export interface UploadRequest {
  api: string;
  token: string;
  filename: string;
  size: number;
  seed: number;
  partBytes: number;
  concurrency: number;
  /** `blob`: the file as a Blob; `stream`: a ReadableStream of 100 000-byte chunks, without `size`. */
  source: 'blob' | 'stream';
  /** The stream errors once this many bytes are out. */
  failAfter?: number;
  /** Cancel (abort the signal) once this many parts are stored. */
  cancelAfterParts?: number;
}

export interface UploadAnswer {
  sha256: string;
  progress: UploadProgress[];
  /** The requests as `step part bytes` lines (support/upload-wire.ts). */
  wire: string[];
  result?: { file: string | undefined; route: string; size: number; parts: number[] };
  error?: {
    name: string;
    code: string;
    step: string;
    part?: number;
    message: string;
    resumable: boolean;
    parts: number[];
  };
}

async function upload(input: UploadRequest): Promise<UploadAnswer> {
  const { transport, sent } = recordingUploadTransport();
  const client = createEdgeClient({
    token: input.token,
    tokenKind: 'profile',
    region: { api: input.api },
    allowInsecureHttp: true,
    transport,
  });
  const bytes = generatedFile(input.size, input.seed);
  const progress: UploadProgress[] = [];
  const controller = new AbortController();
  const answer: UploadAnswer = { sha256: await sha256Hex(bytes), progress, wire: [] };
  const source =
    input.source === 'blob'
      ? new Blob([bytes])
      : streamOf(bytes, 100_000, input.failAfter === undefined ? {} : { failAfter: input.failAfter });
  try {
    const result = await uploadFile(client, source, {
      filename: input.filename,
      partBytes: input.partBytes,
      concurrency: input.concurrency,
      retryDelayMs: 1,
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p);
        if (input.cancelAfterParts !== undefined && p.doneParts >= input.cancelAfterParts) controller.abort();
      },
    });
    answer.result = {
      file: result.file,
      route: result.route,
      size: result.size,
      parts: (result.parts ?? []).map((p) => p.PartNumber),
    };
  } catch (error) {
    if (!(error instanceof TagoUploadError)) throw error;
    answer.error = {
      name: error.name,
      code: error.code,
      step: error.step,
      ...(error.part === undefined ? {} : { part: error.part }),
      message: error.message,
      resumable: error.resumable,
      parts: (error.state?.parts ?? []).map((p) => p.PartNumber),
    };
  }
  answer.wire = wireLines(sent);
  return answer;
}

export default {
  async fetch(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === '/upload') return Response.json(await upload((await request.json()) as UploadRequest));
    return new Response('not found', { status: 404 });
  },
};
