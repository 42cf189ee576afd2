// @ts-check
// Wildcard matching for list filters (`filter[name]=sensor*`). The pattern comes from the query string, so it is
// never compiled into a regular expression: `a*a*a*…b` against a long name made the old RegExp backtrack for hours.

/**
 * Whether `text` matches `pattern` as a whole, case-insensitively, where `*` stands for any run of characters
 * (none included) and every other character is literal.
 *
 * The pattern is split at its stars: the first piece must start the text, the last must end it, and the pieces
 * between are found left to right, each at its first place after the previous one. Taking the first place is
 * always safe (a later one leaves less room for the rest), so nothing is ever retried: the work is one scan of the
 * text per piece, with no backtracking.
 * @param {unknown} pattern
 * @param {unknown} text
 */
export function wildcardMatch(pattern, text) {
  const p = String(pattern).toLowerCase();
  const t = String(text).toLowerCase();
  const pieces = p.split('*');
  if (pieces.length === 1) return p === t;
  const head = pieces[0] ?? '';
  const tail = pieces[pieces.length - 1] ?? '';
  // The head and the tail may not overlap: `ab*ba` does not match `aba`.
  if (t.length < head.length + tail.length || !t.startsWith(head) || !t.endsWith(tail)) return false;
  const end = t.length - tail.length;
  let at = head.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i] ?? '';
    if (piece === '') continue;
    const found = t.indexOf(piece, at);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}
