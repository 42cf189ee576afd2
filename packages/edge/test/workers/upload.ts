// A Cloudflare Worker module for test/upload.test.ts: POST /upload makes a file from a seed inside workerd and
// uploads it with @tagokit/helpers' uploadFile over createEdgeClient to the emulator on 127.0.0.1, reporting the
// result (or the typed error), every progress report and the file's SHA-256.
import { createEdgeClient } from '../../src/index.js';
import { TagoUploadError, uploadFile, type UploadProgress } from '../../../helpers/src/index.ts';
import { generatedFile, sha256Hex } from '../../../helpers/test/support/generated-file.ts';

export interface UploadRequest {
  api: string;
  token: string;
  filename: string;
  size: number;
  seed: number;
  partBytes: number;
  /** Cancel (abort the signal) once this many parts are stored. */
  cancelAfterParts?: number;
}

export interface UploadAnswer {
  sha256: string;
  progress: UploadProgress[];
  result?: { file: string | undefined; route: string; parts: number[] };
  error?: { name: string; code: string; step: string; resumable: boolean; parts: number[] };
}

async function upload(input: UploadRequest): Promise<UploadAnswer> {
  const client = createEdgeClient({
    token: input.token,
    tokenKind: 'profile',
    region: { api: input.api },
    allowInsecureHttp: true,
  });
  const bytes = generatedFile(input.size, input.seed);
  const progress: UploadProgress[] = [];
  const controller = new AbortController();
  const answer: UploadAnswer = { sha256: await sha256Hex(bytes), progress };
  try {
    const result = await uploadFile(client, new Blob([bytes]), {
      filename: input.filename,
      partBytes: input.partBytes,
      concurrency: 2,
      retryDelayMs: 1,
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p);
        if (input.cancelAfterParts !== undefined && p.doneParts >= input.cancelAfterParts) controller.abort();
      },
    });
    answer.result = { file: result.file, route: result.route, parts: (result.parts ?? []).map((p) => p.PartNumber) };
  } catch (error) {
    if (!(error instanceof TagoUploadError)) throw error;
    answer.error = {
      name: error.name,
      code: error.code,
      step: error.step,
      resumable: error.resumable,
      parts: (error.state?.parts ?? []).map((p) => p.PartNumber),
    };
  }
  return answer;
}

export default {
  async fetch(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === '/upload') return Response.json(await upload((await request.json()) as UploadRequest));
    return new Response('not found', { status: 404 });
  },
};
