// The reliability audit shared by the Node, edge and MCU suites (../reliability.test.ts,
// packages/edge/test/reliability.test.ts, packages/mcu/test/reliability-xs.test.ts): count how many times each
// write id is in the emulator's store and hold every outcome against it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FAULT_KINDS, type Emulator, type FaultKind, type FaultOptions } from '../../src/index.mjs';

/** The fault mix of the Node suite: 30 % of POST /data requests start a fault, every kind, short bursts. */
export const RELIABILITY_FAULTS: FaultOptions = {
  rate: 0.3,
  kinds: 'all',
  routes: ['POST /data'],
  burst: { min: 1, max: 3 },
  latencyMs: { min: 1, max: 20 },
  trickle: { chunkBytes: 12, intervalMs: 2 },
  retryAfterSeconds: 1,
};

export type Outcome = { ok: true } | { ok: false; mayHaveBeenProcessed: boolean; code: string };

export interface AuditTable {
  writes: number;
  requests: number;
  faultedRequests: number;
  faultedShare: number;
  faultsByKind: Record<FaultKind, number>;
  acknowledged: number;
  errorsMaybeStored: number;
  errorsMaybeStoredThatWereStored: number;
  errorsNotStored: number;
  errorCodes: Record<string, number>;
  lost: number;
  duplicated: number;
  seconds: number;
}

/** Audits `outcomes[i]` (write i carries `metadata.write_id = "w<i>"`) against the store of device `deviceId`. */
export function audit(
  emulator: Emulator,
  deviceId: string,
  outcomes: Outcome[],
  seconds: number,
): { table: AuditTable; problems: string[] } {
  const stored = new Map<string, number>();
  const device = emulator.state.snapshot().find((d) => d.id === deviceId);
  for (const r of device?.data ?? []) {
    const id = (r.metadata as { write_id?: unknown } | undefined)?.write_id;
    if (typeof id === 'string') stored.set(id, (stored.get(id) ?? 0) + 1);
  }
  let acknowledged = 0,
    maybeStored = 0,
    notStored = 0,
    lost = 0,
    duplicated = 0,
    maybeAndStored = 0;
  const errorCodes: Record<string, number> = {};
  const problems: string[] = [];
  outcomes.forEach((o, i) => {
    const times = stored.get(`w${i}`) ?? 0;
    if (times > 1) {
      duplicated++;
      problems.push(`w${i} stored ${times} times`);
    }
    if (!o) {
      problems.push(`w${i} has no outcome`);
      return;
    }
    if (o.ok) {
      acknowledged++;
      if (times === 0) {
        lost++;
        problems.push(`w${i} acknowledged but not stored`);
      }
    } else {
      errorCodes[o.code] = (errorCodes[o.code] ?? 0) + 1;
      if (o.mayHaveBeenProcessed) {
        maybeStored++;
        if (times > 0) maybeAndStored++;
      } else {
        notStored++;
        if (times > 0) {
          lost++;
          problems.push(`w${i} error ${o.code} says not processed, but it was stored`);
        }
      }
    }
  });
  const stats = emulator.stats();
  const requests = stats.faults.decisions;
  const faulted = stats.faults.faulted;
  return {
    table: {
      writes: outcomes.length,
      requests,
      faultedRequests: faulted,
      faultedShare: Number((faulted / Math.max(1, requests)).toFixed(3)),
      faultsByKind: stats.faults.byKind as Record<FaultKind, number>,
      acknowledged,
      errorsMaybeStored: maybeStored,
      errorsMaybeStoredThatWereStored: maybeAndStored,
      errorsNotStored: notStored,
      errorCodes,
      lost,
      duplicated,
      seconds: Number(seconds.toFixed(1)),
    },
    problems,
  };
}

/** The table as the Node suite prints it. */
export function formatTable(title: string, t: AuditTable): string {
  const rows: [string, string | number][] = [
    ['writes', t.writes],
    ['requests (incl. retries)', t.requests],
    ['requests hit by faults', `${t.faultedRequests} (${(100 * t.faultedShare).toFixed(1)} %)`],
    ...FAULT_KINDS.map((k): [string, number] => [`  fault ${k}`, t.faultsByKind[k]]),
    ['acknowledged (stored once)', t.acknowledged],
    ['errors, may have been stored', `${t.errorsMaybeStored} (${t.errorsMaybeStoredThatWereStored} were)`],
    ['errors, not stored', t.errorsNotStored],
    ['lost', t.lost],
    ['duplicated', t.duplicated],
    ['seconds', t.seconds],
  ];
  return `\n${title}\n${rows.map(([k, v]) => `${k.padEnd(32)}${String(v).padStart(14)}`).join('\n')}\n`;
}

export const RESULTS_FILE = fileURLToPath(new URL('../../reliability-results.json', import.meta.url));

/**
 * Adds `value` under `key` to tools/emulator/reliability-results.json, keeping what is there (the Node suite's
 * figures), only when RELIABILITY_WRITE is set: an ordinary test run never dirties the work tree.
 */
export function saveResults(key: string, value: unknown): boolean {
  if (!process.env['RELIABILITY_WRITE']) return false;
  const current = existsSync(RESULTS_FILE)
    ? (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Record<string, unknown>)
    : {};
  writeFileSync(
    RESULTS_FILE,
    `${JSON.stringify({ ...current, [key]: { generatedAt: new Date().toISOString(), ...(value as object) } }, null, 2)}\n`,
  );
  return true;
}
