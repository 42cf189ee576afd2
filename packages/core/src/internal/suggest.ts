/**
 * "Did you mean": the known name closest to a mistyped one. Two edits apart at most (one for names under five
 * characters, where two edits reach almost any other name); a swap of neighbours counts as one edit, case is
 * ignored. Undefined when nothing is that close.
 */
export function closestName(given: string, known: readonly string[]): string | undefined {
  const limit = given.length < 5 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const name of known) {
    const distance = editDistance(given.toLowerCase(), name.toLowerCase());
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

/** `; did you mean "x"?` for the closest known name, or nothing. */
export function didYouMean(given: string, known: readonly string[]): string {
  const name = closestName(given, known);
  return name === undefined ? '' : `; did you mean "${name}"?`;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
function editDistance(a: string, b: string): number {
  // rows[i][j]: the distance between the first i characters of a and the first j of b.
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    rows.push(row);
    for (let j = 1; j <= b.length; j++) {
      const above = rows[i - 1];
      row[j] = above
        ? Math.min(
            above[j]! + 1,
            row[j - 1]! + 1,
            above[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
            a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1] ? rows[i - 2]![j - 2]! + 1 : Infinity,
          )
        : j;
    }
  }
  return rows[a.length]![b.length]!;
}
