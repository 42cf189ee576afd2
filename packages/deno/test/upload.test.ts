// uploadFile under Deno against the emulator (EMULATOR_URL, started by scripts/test.mjs): an 11 MB generated file
// in 5 MiB parts through seeded part faults, stored byte for byte with progress to 100; and a cancel that leaves
// only stored parts reported and nothing listed.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { TagoUploadError, uploadFile, type UploadProgress } from '@tagokit/helpers';
import { createClient } from '../mod.ts';
import { generatedFile, sha256Hex, streamOf } from '../../helpers/test/support/generated-file.ts';
import { progressProblem } from '../../helpers/test/support/upload-progress.ts';

const EMULATOR = Deno.env.get('EMULATOR_URL');
/** The emulator's profile token and profile id (tools/emulator DEFAULT_TOKENS, DEFAULT_PROFILE_ID). */
const PROFILE_TOKEN = 'p-00000000-0000-4000-8000-000000000001';
const PROFILE_ID = '5bbcb03b667d7a002e56664b';
const MiB = 1024 * 1024;
const SEED = 20_260_517;
const source = generatedFile(11_000_000, SEED);

const client = () =>
  createClient({
    token: PROFILE_TOKEN,
    tokenKind: 'profile',
    region: { api: EMULATOR!, sse: `${EMULATOR}/events` },
    allowInsecureHttp: true,
  });

async function setUploadFaults(faults: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${EMULATOR}/__emulator/upload-faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ faults, seed: SEED }),
  });
  strictEqual(res.status, 200, await res.text());
}

function assertMonotonic(seen: UploadProgress[]): void {
  strictEqual(progressProblem(seen), undefined);
}

Deno.test({
  name: 'upload: an 11 MB file through seeded part faults is stored byte for byte, progress to 100',
  ignore: EMULATOR === undefined,
  async fn() {
    await setUploadFaults({ rate: 0.5, maxPerPart: 2 });
    const c = client();
    const seen: UploadProgress[] = [];
    try {
      const result = await uploadFile(c, new Blob([source]), {
        filename: '/deno/archive.bin',
        partBytes: 5 * MiB,
        concurrency: 2,
        retryDelayMs: 1,
        onProgress: (p) => seen.push(p),
      });
      deepStrictEqual(
        result.parts!.map((p) => p.PartNumber),
        [1, 2, 3],
      );
      strictEqual(result.file, `${EMULATOR}/file/${PROFILE_ID}/deno/archive.bin`);
      assertMonotonic(seen);
      deepStrictEqual(seen.at(-1), {
        sentBytes: source.length,
        totalBytes: source.length,
        doneParts: 3,
        totalParts: 3,
        percent: 100,
      });
      const signed = await c.files.get({ profileID: PROFILE_ID, path: 'deno/archive.bin', noRedirect: true });
      const stored = new Uint8Array(await (await fetch(signed as string)).arrayBuffer());
      strictEqual(await sha256Hex(stored), await sha256Hex(source));
    } finally {
      await setUploadFaults({});
    }
  },
});

Deno.test({
  name: 'upload: cancel mid-way rejects with a resumable error listing only stored parts; nothing is listed',
  ignore: EMULATOR === undefined,
  async fn() {
    const c = client();
    const controller = new AbortController();
    const seen: UploadProgress[] = [];
    let error: unknown;
    try {
      await uploadFile(c, new Blob([source]), {
        filename: '/deno/cancelled.bin',
        partBytes: 5 * MiB,
        concurrency: 1,
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p);
          if (p.doneParts === 1) controller.abort();
        },
      });
    } catch (e) {
      error = e;
    }
    ok(error instanceof TagoUploadError, String(error));
    strictEqual(error.code, 'upload_cancelled');
    strictEqual(error.resumable, true);
    deepStrictEqual(
      error.state!.parts.map((p) => p.PartNumber),
      [1],
    );
    assertMonotonic(seen);
    ok(seen.at(-1)!.percent! < 100);
    const list = (await c.files.list({ path: '/deno' })) as { files: { filename: string }[] };
    ok(!list.files.some((f) => f.filename === 'cancelled.bin'), JSON.stringify(list));
  },
});

Deno.test({
  name: 'upload: a stream of a declared size (what Deno.open(path).readable gives) is read once, in order',
  ignore: EMULATOR === undefined,
  async fn() {
    const c = client();
    const bytes = source.subarray(0, 6 * MiB);
    const result = await uploadFile(c, new Blob([bytes]).stream(), {
      filename: '/deno/stream.bin',
      size: bytes.length,
      partBytes: 5 * MiB,
    });
    deepStrictEqual(
      result.parts!.map((p) => p.PartNumber),
      [1, 2],
    );
    const signed = await c.files.get({ profileID: PROFILE_ID, path: 'deno/stream.bin', noRedirect: true });
    const stored = new Uint8Array(await (await fetch(signed as string)).arrayBuffer());
    strictEqual(await sha256Hex(stored), await sha256Hex(bytes));
  },
});

Deno.test({
  name: 'upload: a stream of unknown length (no size) is cut into full parts and a short last one',
  ignore: EMULATOR === undefined,
  async fn() {
    const c = client();
    const seen: UploadProgress[] = [];
    const result = await uploadFile(c, streamOf(source, 100_000), {
      filename: '/deno/unknown.bin',
      partBytes: 5 * MiB,
      concurrency: 1,
      onProgress: (p) => seen.push(p),
    });
    deepStrictEqual(
      result.parts!.map((p) => p.PartNumber),
      [1, 2, 3],
    );
    strictEqual(result.size, source.length);
    assertMonotonic(seen);
    // One part in flight: part 3 is read (and the length known) only once part 2 is stored.
    deepStrictEqual(
      seen.map((p) => [p.sentBytes, p.totalBytes, p.percent]),
      [
        [0, undefined, undefined],
        [5 * MiB, undefined, undefined],
        [10 * MiB, undefined, undefined],
        [source.length, source.length, 100],
      ],
    );
    const signed = await c.files.get({ profileID: PROFILE_ID, path: 'deno/unknown.bin', noRedirect: true });
    const stored = new Uint8Array(await (await fetch(signed as string)).arrayBuffer());
    strictEqual(await sha256Hex(stored), await sha256Hex(source));
  },
});
