/** @module "Perhaps you meant ..." hints: the closest candidate by normalised edit distance (PostgREST uses a fuzzy set). */

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The candidate most similar to `target` with similarity (1 - distance/longer length) ≥ `minScore`. */
export function closestMatch(candidates: Iterable<string>, target: string, minScore: number): string | undefined {
  let best: string | undefined;
  let bestScore = minScore;
  const lowerTarget = target.toLowerCase();
  for (const candidate of candidates) {
    const longer = Math.max(candidate.length, target.length);
    const score = longer === 0 ? 1 : 1 - editDistance(candidate.toLowerCase(), lowerTarget) / longer;
    if (score >= bestScore && (best === undefined || score > bestScore)) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
