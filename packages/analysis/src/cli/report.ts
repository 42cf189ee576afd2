// The report of a run, as text for a terminal (or JSON with --json, which is the RunReport itself).
import { changedKeys, type Changes, type RowChanges } from './changes.ts';
import type { RunReport } from './run.ts';

type Row = Record<string, unknown>;

function recordLine(row: Row): string {
  const unit = row['unit'] === undefined ? '' : ` ${String(row['unit'])}`;
  return `${String(row['variable'])} = ${JSON.stringify(row['value'] ?? null)}${unit}`;
}

function label(row: Row): string {
  const name = row['name'] ?? row['label'] ?? row['key'] ?? row['title'];
  return name === undefined || name === '' ? String(row['id']) : `${String(row['id'])} "${String(name)}"`;
}

function rowLines(changes: RowChanges, describe: (row: Row) => string): string[] {
  return [
    ...changes.created.map((row) => `+ ${describe(row)}`),
    ...changes.edited.map(({ before, after }) => `~ ${describe(after)} (${changedKeys(before, after).join(', ')})`),
    ...changes.removed.map((row) => `- ${describe(row)}`),
  ];
}

export function changeLines(changes: Changes): string[] {
  const out: string[] = [];
  for (const device of changes.devices) {
    const what = device.device ? ` (${device.device}${device.fields ? `: ${device.fields.join(', ')}` : ''})` : '';
    out.push(`device ${device.id} "${device.name}"${what}`);
    for (const line of rowLines(device.data, recordLine)) out.push(`  data ${line}`);
    for (const line of rowLines(device.params, (p) => `${String(p['key'])} = ${JSON.stringify(p['value'])}`)) {
      out.push(`  param ${line}`);
    }
    if (device.tokens.created) out.push(`  tokens + ${device.tokens.created}`);
    if (device.tokens.removed) out.push(`  tokens - ${device.tokens.removed}`);
  }
  for (const [name, rows] of Object.entries(changes.collections)) {
    out.push(`${name}`);
    for (const line of rowLines(rows, label)) out.push(`  ${line}`);
  }
  for (const [kind, counted] of Object.entries(changes.tokens)) {
    if (kind === 'device') continue;
    out.push(`${kind} tokens: + ${counted.created}, - ${counted.removed}`);
  }
  return out;
}

const OUTCOME: Record<number, string> = { 0: 'ok', 1: 'the analysis failed', 4: 'timed out' };

export function formatReport(report: RunReport): string {
  const where = report.emulator.started
    ? `emulator started at ${report.emulator.url}`
    : `emulator ${report.emulator.url}`;
  const out = [`tagokit analysis run ${report.file} (${report.runtime}, ${where})`, '', 'Logged:'];
  out.push(...(report.logged.length ? report.logged.map((l) => `  ${l}`) : ['  (nothing)']));
  if (report.errors.length) out.push('', 'Errors:', ...report.errors.map((l) => `  ${l}`));
  const changed = changeLines(report.changes);
  out.push('', 'Changed:', ...(changed.length ? changed.map((l) => `  ${l}`) : ['  (nothing)']));
  const statuses = Object.entries(report.requests.statuses)
    .map(([status, n]) => `${n} x ${status}`)
    .join(', ');
  out.push('', `Requests: ${report.requests.total}${statuses ? ` (${statuses})` : ''}`);
  const ended = report.process.timedOut
    ? `killed after --timeout`
    : report.process.signal
      ? `ended by ${report.process.signal}`
      : `exit ${report.process.code}`;
  out.push(`Result: ${OUTCOME[report.exitCode] ?? 'failed'} (analysis ${ended}, ${report.durationMs} ms)`);
  return `${out.join('\n')}\n`;
}
