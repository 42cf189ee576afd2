import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Readable, Writable } from 'node:stream';

/**
 * A minimal driver for @agoric/xsnap's worker (the real Moddable XS engine): Node talks to it over fds 3 and 4
 * with netstrings. `e<code>` evaluates; the worker answers `.<meter>\x01<reply>` or `!<error>`; while evaluating it
 * may send `?<bytes>` (issueCommand, synchronous on the XS side), which the host answers with `/<bytes>`.
 * (The package's own JS API needs SES lockdown in the host, so the tests speak the protocol directly.)
 */
export const XSNAP_BIN = fileURLToPath(new URL('../../node_modules/@agoric/xsnap/xsnap-native/xsnap/build/bin/lin/release/xsnap-worker', import.meta.url));

export interface Meter {
  /** XS heap slots in use. */
  currentHeapCount: number;
  /** Bytes the XS machine has allocated (chunks + slots). */
  allocate: number;
  /** Metered computations of the evaluation. */
  compute: number;
}

export interface XsWorker {
  evaluate(code: string): Promise<{ reply: string; meter: Meter }>;
  output(): string;
  close(): Promise<void>;
}

export function xsAvailable(): boolean {
  return existsSync(XSNAP_BIN);
}

export function startXs(onCommand: (message: string) => Promise<string> | string): XsWorker {
  const child: ChildProcess = spawn(XSNAP_BIN, ['tagokit-mcu', '-l', '100000000'], {
    stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe', 'ignore', 'ignore', 'ignore', 'ignore'],
  });
  const toXs = child.stdio[3] as Writable;
  const fromXs = child.stdio[4] as Readable;
  let out = '';
  (child.stdout as Readable).on('data', (d: Buffer) => (out += d.toString()));
  (child.stderr as Readable).on('data', (d: Buffer) => (out += d.toString()));
  let buffer = Buffer.alloc(0);
  const waiting: ((m: Buffer) => void)[] = [];
  const queue: Buffer[] = [];
  let exited: Error | undefined;
  const failAll = (e: Error) => {
    exited = e;
    while (waiting.length) waiting.shift()!(Buffer.from('!' + e.message));
  };
  child.on('exit', (code) => failAll(new Error(`xsnap exited with ${code}`)));
  fromXs.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const colon = buffer.indexOf(0x3a);
      if (colon < 0) return;
      const length = Number(buffer.subarray(0, colon).toString());
      if (buffer.length < colon + 1 + length + 1) return;
      const message = buffer.subarray(colon + 1, colon + 1 + length);
      buffer = buffer.subarray(colon + 1 + length + 1);
      const w = waiting.shift();
      if (w) w(message);
      else queue.push(message);
    }
  });
  const next = (): Promise<Buffer> => (queue.length ? Promise.resolve(queue.shift()!) : exited ? Promise.resolve(Buffer.from('!' + exited.message)) : new Promise((r) => waiting.push(r)));
  const send = (prefix: string, body: Buffer | string) => {
    const payload = Buffer.concat([Buffer.from(prefix), Buffer.isBuffer(body) ? body : Buffer.from(body)]);
    toXs.write(Buffer.concat([Buffer.from(`${payload.length}:`), payload, Buffer.from(',')]));
  };
  let baton: Promise<unknown> = Promise.resolve();
  return {
    evaluate(code) {
      const run = baton.then(async () => {
        send('e', code);
        for (;;) {
          const m = await next();
          const kind = String.fromCharCode(m[0]!);
          if (kind === '?') {
            send('/', await onCommand(m.subarray(1).toString()));
          } else if (kind === '!') {
            throw new Error(`XS: ${m.subarray(1).toString()}\n${out}`);
          } else if (kind === '.') {
            const sep = m.indexOf(1);
            const meter = sep > 0 ? (JSON.parse(m.subarray(1, sep).toString()) as Meter) : ({} as Meter);
            return { reply: m.subarray(sep > 0 ? sep + 1 : 1).toString(), meter };
          } else {
            throw new Error(`xsnap protocol: unexpected ${kind}`);
          }
        }
      });
      baton = run.catch(() => undefined);
      return run;
    },
    output: () => out,
    close: async () => {
      toXs.end();
      await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
    },
  };
}

/** XS code that turns a value into the evaluation's reply. */
export const REPLY = (expr: string) => `new TextEncoder().encode(JSON.stringify(${expr})).buffer`;
