// The progress rules every upload test checks, in one place (Node, Deno and the web runtimes' hosts import it).
import type { UploadProgress } from '../../src/index.ts';

/**
 * What is wrong with a sequence of progress reports, or undefined: bytes and parts never go back; `totalBytes`,
 * `totalParts` and `percent` are either all unknown (a stream not yet read to its end) or all numbers, unknown only
 * before the first known report; `percent` never goes back and is 100 at most once, in the last report.
 */
export function progressProblem(seen: readonly UploadProgress[]): string | undefined {
  let known = false;
  for (let i = 0; i < seen.length; i++) {
    const p = seen[i]!;
    const at = `report ${i} ${JSON.stringify(p)}`;
    const unknown = [p.totalBytes, p.totalParts, p.percent].filter((v) => v === undefined).length;
    if (unknown !== 0 && unknown !== 3) return `${at}: the total is partly known`;
    if (unknown === 3 && known) return `${at}: the total became unknown again`;
    known ||= unknown === 0;
    if (p.percent === 100 && i !== seen.length - 1) return `${at}: 100 before the last report`;
    if (i === 0) continue;
    const before = seen[i - 1]!;
    if (p.sentBytes < before.sentBytes || p.doneParts < before.doneParts) return `${at}: went back`;
    if (p.percent !== undefined && before.percent !== undefined && p.percent < before.percent)
      return `${at}: the percentage went back`;
  }
  return undefined;
}
