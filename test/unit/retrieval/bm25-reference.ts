/**
 * BM25 as Quire scored it before postings were packed and pruned: every posting
 * of every query term into a Map, then a full sort. Kept only as the reference
 * that the pruned search must reproduce exactly.
 */
import type { LexicalStats } from '../../../src/retrieval/bm25.js';
import { tokenize } from '../../../src/text/tokenize.js';

export function exhaustiveSearch(stats: LexicalStats, query: string, k: number): { label: number; score: number }[] {
  const scores = new Map<number, number>();
  const { k1, b, lengths, avgLength } = stats;
  for (const term of new Set(tokenize(query))) {
    const postings = stats.postings[term];
    if (!postings) continue;
    const weight = Math.log(1 + (lengths.length - postings.length + 0.5) / (postings.length + 0.5));
    for (const [label, tf] of postings) {
      const norm = k1 * (1 - b + (b * (lengths[label] ?? 0)) / (avgLength || 1));
      scores.set(label, (scores.get(label) ?? 0) + (weight * tf * (k1 + 1)) / (tf + norm));
    }
  }
  return [...scores]
    .map(([label, score]) => ({ label, score }))
    .sort((x, y) => y.score - x.score || x.label - y.label)
    .slice(0, k);
}
