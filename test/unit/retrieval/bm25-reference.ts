/**
 * BM25 as Quire counted and scored it before postings were packed and pruned:
 * a [label, tf] pair per posting in a record by term, every posting of every
 * query term summed into a Map, then a full sort. Kept only as the reference
 * that the packed build and the pruned search must reproduce exactly.
 */
import { withFactors, type LexicalIndex } from '../../../src/retrieval/bm25.js';
import { packStrings } from '../../../src/retrieval/string-table.js';
import { tokenize } from '../../../src/text/tokenize.js';

export interface LexicalStats {
  k1: number;
  b: number;
  lengths: number[];
  avgLength: number;
  /** term → [label, term frequency] pairs, labels ascending. */
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

/** The pairs packed into the searchable form, term by term in the record's key order. */
export function lexicalIndex(stats: LexicalStats): LexicalIndex {
  const terms = Object.keys(stats.postings);
  const offsets = new Uint32Array(terms.length + 1);
  terms.forEach((term, t) => (offsets[t + 1] = offsets[t]! + stats.postings[term]!.length));
  const labels = new Uint32Array(offsets[terms.length]!);
  const tfs = new Uint32Array(labels.length);
  terms.forEach((term, t) => {
    let at = offsets[t]!;
    for (const [label, tf] of stats.postings[term]!) {
      labels[at] = label;
      tfs[at++] = tf;
    }
  });
  return withFactors({ k1: stats.k1, b: stats.b, avgLength: stats.avgLength, lengths: Uint32Array.from(stats.lengths), terms: packStrings(terms), offsets, labels, tfs });
}

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
