/**
 * BM25 (Robertson & Zaragoza, "The Probabilistic Relevance Framework", 2009):
 * the lexical half of hybrid retrieval. Statistics are built once at ingest and
 * stored as `lexical.json`; scoring is a pure function of them.
 * @module
 */
import { tokenize } from '../text/tokenize.js';

export interface LexicalStats {
  /** Term-frequency saturation. @default 1.2 */
  k1: number;
  /** Length normalisation. @default 0.75 */
  b: number;
  /** Token count of each chunk, by label. */
  lengths: number[];
  avgLength: number;
  /** term → [label, term frequency] pairs. */
  postings: Record<string, [number, number][]>;
}

export function buildLexicalStats(texts: readonly string[], k1 = 1.2, b = 0.75): LexicalStats {
  const postings: Record<string, [number, number][]> = Object.create(null);
  const lengths = texts.map((text, label) => {
    const terms = tokenize(text);
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, tf] of counts) (postings[term] ??= []).push([label, tf]);
    return terms.length;
  });
  const avgLength = lengths.length ? lengths.reduce((a, n) => a + n, 0) / lengths.length : 0;
  return { k1, b, lengths, avgLength, postings };
}

/** Robertson–Spärck Jones IDF with the +1 that keeps it positive for very common terms. */
export function idf(stats: LexicalStats, term: string): number {
  const n = stats.lengths.length;
  const df = stats.postings[term]?.length ?? 0;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** The top `k` labels for `query`, best first. Terms repeated in the query count once. */
export function searchLexical(stats: LexicalStats, query: string, k: number): { label: number; score: number }[] {
  const scores = new Map<number, number>();
  const { k1, b, lengths, avgLength } = stats;
  for (const term of new Set(tokenize(query))) {
    const postings = stats.postings[term];
    if (!postings) continue;
    const weight = idf(stats, term);
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
