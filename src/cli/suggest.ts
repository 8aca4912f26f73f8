/**
 * "Did you mean …?" for the command line: the nearest command, option or config key to a
 * mistyped one. One implementation for every command (check, audit, merge, browsers) and for
 * the config file's keys.
 */

/**
 * Edits between `a` and `b`: insertions, deletions, substitutions and swaps of two adjacent
 * characters (optimal string alignment, the Damerau–Levenshtein distance typos are measured in).
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j;
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      (rows[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The candidate nearest to `word`, or undefined when none is near enough to be a typo: at
 * most one edit in 4 characters (1 for `afff`, 2 for `stub-partner`, never more than 3), or a
 * candidate the word is the start of (`--stub` for `--stub-partnero`) when only one is.
 * Ties go to the earlier candidate.
 */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 4)));
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  if (best) return best.candidate;
  const starts = word.length >= 3 ? candidates.filter((c) => c.startsWith(word)) : [];
  return starts.length === 1 ? starts[0] : undefined;
}

/** ` — did you mean X?` for the nearest candidate (as `show` writes it), or an empty string. */
export function didYouMean(
  word: string,
  candidates: readonly string[],
  show: (candidate: string) => string = (c) => c,
): string {
  const found = nearest(word, candidates);
  return found === undefined ? '' : ` — did you mean ${show(found)}?`;
}
