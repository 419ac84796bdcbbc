/**
 * Reciprocal-rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009): combines
 * ranked lists without calibrating their scores against each other, which
 * BM25 scores and cosine similarities never are.
 * @module
 */

export interface FusedItem<K> {
  key: K;
  score: number;
  /** 1-based rank of the item in each input list, null where absent. */
  ranks: (number | null)[];
}

/** Fuses ranked lists (best first). `k` damps the weight of top ranks; 60 is the paper's value. */
export function reciprocalRankFusion<K>(lists: readonly (readonly K[])[], k = 60): FusedItem<K>[] {
  const fused = new Map<K, FusedItem<K>>();
  lists.forEach((list, listIndex) => {
    list.forEach((key, i) => {
      const item = fused.get(key) ?? { key, score: 0, ranks: lists.map(() => null) };
      if (item.ranks[listIndex] !== null) return; // a duplicate within one list counts once
      item.ranks[listIndex] = i + 1;
      item.score += 1 / (k + i + 1);
      fused.set(key, item);
    });
  });
  return [...fused.values()].sort((a, b) => b.score - a.score || bestRank(a) - bestRank(b));
}

const bestRank = (item: FusedItem<unknown>): number => Math.min(...item.ranks.map((r) => r ?? Infinity));
