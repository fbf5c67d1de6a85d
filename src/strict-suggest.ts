/**
 * The known key an unknown one was probably meant to be, for strict mode's "did you mean" hint: the
 * nearest by edit distance, counting a swap of two neighbouring characters as one edit (`next_btach`
 * is one edit from `next_batch`), and near enough only within a third of the key's length, at most 3.
 */

const MAX_EDITS = 3;

/** Edit distance with adjacent transpositions (optimal string alignment), or Infinity past `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  // Stryker disable next-line ConditionalExpression: a shortcut; the distance is at least the length difference, past the limit anyway
  if (Math.abs(a.length - b.length) > limit) return Infinity;
  // Stryker disable next-line ArrayDeclaration: read only from the third row, by which time it holds the first
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, beforePrevious[j - 2]! + 1);
      current.push(d);
      rowMin = Math.min(rowMin, d);
    }
    // Every later row is at least this row's minimum: past the limit, no alignment can come back.
    // Stryker disable next-line ConditionalExpression: a shortcut; the distance is at least the last row's minimum, past the limit anyway
    if (rowMin > limit) return Infinity;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/** The known key nearest to `key`, first in `known`'s order on a tie, or undefined when none is near. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const limit = Math.min(MAX_EDITS, Math.ceil(key.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of known) {
    // Stryker disable next-line MethodExpression,ArithmeticOperator: the bound only cuts work short; the comparison below decides
    const distance = editDistance(key, candidate, Math.min(limit, bestDistance - 1));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
