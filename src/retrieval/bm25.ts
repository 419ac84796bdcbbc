/**
 * BM25 (Robertson & Zaragoza, "The Probabilistic Relevance Framework", 2009):
 * the lexical half of hybrid retrieval.
 *
 * Postings live in typed arrays (one run of ascending labels and term
 * frequencies per term), with each term's IDF, each chunk's length norm and
 * each term's largest possible contribution computed once when the index is
 * built or loaded. A query is scored document-at-a-time with MaxScore pruning
 * (Turtle & Flood, "Query evaluation: strategies and optimizations", 1995) into
 * a bounded top-k heap: chunks that cannot reach the current k-th score are
 * skipped without being scored. Scores are summed in the query's term order, so
 * they are bit-for-bit those of scoring every posting.
 * @module
 */
import { tokenize } from '../text/tokenize.js';
import { packStrings, stringId, type StringTable } from './string-table.js';

/**
 * BM25 ready to search: postings in typed arrays and every per-term and per-chunk
 * factor precomputed. Typed arrays and numbers only: what lexical.bin stores, and
 * what compute workers share.
 */
export interface LexicalIndex {
  readonly k1: number;
  readonly b: number;
  readonly avgLength: number;
  /** Token count of each chunk, by label. */
  readonly lengths: Uint32Array;
  /** Term → its id (string-table.ts): postings of term t are `labels[offsets[t]] … labels[offsets[t + 1] - 1]`. */
  readonly terms: StringTable;
  readonly offsets: Uint32Array;
  readonly labels: Uint32Array;
  readonly tfs: Uint32Array;
  readonly idfs: Float64Array;
  /** `k1 · (1 − b + b · length / avgLength)` per chunk. */
  readonly norms: Float64Array;
  /** Each term's largest contribution to any chunk's score: MaxScore's upper bounds. */
  readonly maxImpacts: Float64Array;
}

/**
 * Counts `texts` (chunks by label) into the searchable index. Postings are
 * gathered as (term, label, tf) triples in one growing typed array, not as a
 * [label, tf] array each (some 10 million small arrays at 117k chunks, the
 * largest part of ingest's peak memory), then placed term by term.
 */
export function buildLexicalIndex(texts: readonly string[], k1 = 1.2, b = 0.75): LexicalIndex {
  // Term ids by first appearance, in a dictionary object: its key order (integer-like terms first, ascending,
  // then the rest as first seen) is the term order, as it was when postings were kept in such an object.
  const firstSeen: Record<string, number> = Object.create(null);
  let termCount = 0;
  let triples = new Uint32Array(3 * 4096);
  let postings = 0;
  const lengths = new Uint32Array(texts.length);
  let totalLength = 0;
  texts.forEach((text, label) => {
    const terms = tokenize(text);
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, tf] of counts) {
      if (3 * postings === triples.length) {
        const grown = new Uint32Array(triples.length * 2);
        grown.set(triples);
        triples = grown;
      }
      triples[3 * postings] = firstSeen[term] ??= termCount++;
      triples[3 * postings + 1] = label;
      triples[3 * postings++ + 2] = tf;
    }
    lengths[label] = terms.length;
    totalLength += terms.length;
  });
  const terms = Object.keys(firstSeen);
  const termOf = new Uint32Array(termCount);
  terms.forEach((term, t) => (termOf[firstSeen[term]!] = t));
  const offsets = new Uint32Array(terms.length + 1);
  for (let p = 0; p < postings; p++) offsets[termOf[triples[3 * p]!]! + 1]!++;
  for (let t = 0; t < terms.length; t++) offsets[t + 1]! += offsets[t]!;
  const labels = new Uint32Array(postings);
  const tfs = new Uint32Array(postings);
  const next = offsets.slice(0, -1);
  // Triples come in label order, so each term's labels ascend.
  for (let p = 0; p < postings; p++) {
    const at = next[termOf[triples[3 * p]!]!]!++;
    labels[at] = triples[3 * p + 1]!;
    tfs[at] = triples[3 * p + 2]!;
  }
  const avgLength = texts.length ? totalLength / texts.length : 0;
  return withFactors({ k1, b, avgLength, lengths, terms: packStrings(terms), offsets, labels, tfs });
}

/** Robertson–Spärck Jones IDF with the +1 that keeps it positive for very common terms. */
const rsjIdf = (chunks: number, df: number): number => Math.log(1 + (chunks - df + 0.5) / (df + 0.5));

export function idf(index: LexicalIndex, term: string): number {
  const t = stringId(index.terms, term);
  return t === undefined ? rsjIdf(index.lengths.length, 0) : index.idfs[t]!;
}

type Postings = Omit<LexicalIndex, 'idfs' | 'norms' | 'maxImpacts'>;

/** Adds IDFs, length norms and per-term upper bounds to packed postings. */
export function withFactors(p: Postings): LexicalIndex {
  const { k1, b, avgLength, lengths, offsets, labels, tfs } = p;
  const terms = offsets.length - 1;
  // The same expressions, in the same order, as scoring used to evaluate per posting: identical scores.
  const norms = Float64Array.from(lengths, (length) => k1 * (1 - b + (b * length) / (avgLength || 1)));
  const idfs = new Float64Array(terms);
  const maxImpacts = new Float64Array(terms);
  for (let t = 0; t < terms; t++) {
    const weight = (idfs[t] = rsjIdf(lengths.length, offsets[t + 1]! - offsets[t]!));
    let best = 0;
    for (let at = offsets[t]!; at < offsets[t + 1]!; at++) best = Math.max(best, impact(weight, tfs[at]!, k1, norms[labels[at]!]!));
    maxImpacts[t] = best;
  }
  return { ...p, idfs, norms, maxImpacts };
}

const impact = (weight: number, tf: number, k1: number, norm: number): number => (weight * tf * (k1 + 1)) / (tf + norm);

/**
 * Term `t`'s contribution to the score of each chunk in its postings (same order):
 * what a store that sums scores elsewhere (the postgres store, in SQL) keeps per
 * term, so that its sums are, term for term, the ones searchLexical adds.
 */
export function termImpacts(index: LexicalIndex, t: number): Float64Array {
  const { offsets, labels, tfs, idfs, norms, k1 } = index;
  const out = new Float64Array(offsets[t + 1]! - offsets[t]!);
  for (let at = offsets[t]!; at < offsets[t + 1]!; at++) out[at - offsets[t]!] = impact(idfs[t]!, tfs[at]!, k1, norms[labels[at]!]!);
  return out;
}

/** Slack on pruning decisions, so that a bound summed in another order never prunes a chunk that ties. */
const PRUNE_SLACK = 1e-9;

/** The top `k` labels for `query`, best first (ties: lower label first). Terms repeated in the query count once. */
export function searchLexical(index: LexicalIndex, query: string, k: number): { label: number; score: number }[] {
  const terms: number[] = [];
  for (const term of new Set(tokenize(query))) {
    const t = stringId(index.terms, term);
    if (t !== undefined) terms.push(t);
  }
  if (terms.length === 0 || k <= 0) return [];
  const { offsets, labels, tfs, idfs, norms, maxImpacts, k1 } = index;
  const n = terms.length;
  const cursor = Uint32Array.from(terms, (t) => offsets[t]!);
  const end = Uint32Array.from(terms, (t) => offsets[t + 1]!);
  // Query positions by upper bound, smallest first; bound[i] = sum of the i + 1 smallest.
  const order = Array.from(terms, (_, q) => q).sort((x, y) => maxImpacts[terms[x]!]! - maxImpacts[terms[y]!]!);
  const bound = new Float64Array(n);
  order.forEach((q, i) => (bound[i] = (i > 0 ? bound[i - 1]! : 0) + maxImpacts[terms[q]!]!));
  const contribution = new Float64Array(n);
  const top = createTopK(k);
  // order[0 … firstEssential − 1] together cannot lift a chunk into the top k: only the others propose candidates.
  let firstEssential = 0;

  for (;;) {
    let label = Infinity;
    for (let i = firstEssential; i < n; i++) {
      const q = order[i]!;
      if (cursor[q]! < end[q]!) label = Math.min(label, labels[cursor[q]!]!);
    }
    if (label === Infinity) break;
    contribution.fill(0);
    let partial = 0;
    for (let i = firstEssential; i < n; i++) {
      const q = order[i]!;
      if (cursor[q]! < end[q]! && labels[cursor[q]!] === label) {
        partial += contribution[q] = impact(idfs[terms[q]!]!, tfs[cursor[q]!]!, k1, norms[label]!);
        cursor[q]!++;
      }
    }
    let pruned = false;
    for (let i = firstEssential - 1; i >= 0; i--) {
      if (partial + bound[i]! + PRUNE_SLACK < top.threshold()) {
        pruned = true;
        break;
      }
      const q = order[i]!;
      const at = (cursor[q] = seek(labels, cursor[q]!, end[q]!, label));
      if (at < end[q]! && labels[at] === label) partial += contribution[q] = impact(idfs[terms[q]!]!, tfs[at]!, k1, norms[label]!);
    }
    if (pruned) continue;
    let score = 0;
    for (let q = 0; q < n; q++) score += contribution[q]!;
    if (top.offer(label, score)) {
      while (firstEssential < n && bound[firstEssential]! + PRUNE_SLACK < top.threshold()) firstEssential++;
    }
  }
  return top.sorted();
}

/**
 * The top `k` labels of an index of `size` chunks given each query term's postings with
 * their BM25 impacts (a store that keeps impacts, not the index: postgres/search.ts), in
 * the query's term order: the scores searchLexical gives, summed in the same order, and
 * the same ranks and ties. Exhaustive: only the query's postings are at hand.
 */
export function topByImpacts(postings: readonly { labels: ArrayLike<number>; impacts: ArrayLike<number> }[], size: number, k: number): { label: number; score: number }[] {
  if (postings.length === 0 || k <= 0) return [];
  const scores = new Float64Array(size);
  for (const { labels, impacts } of postings) for (let at = 0; at < labels.length; at++) scores[labels[at]!]! += impacts[at]!;
  const top = createTopK(k);
  for (let label = 0; label < size; label++) if (scores[label]! > 0) top.offer(label, scores[label]!);
  return top.sorted();
}

/** First position in `labels[from … to)` holding a label ≥ `label` (labels ascend): galloping, then binary search. */
function seek(labels: Uint32Array, from: number, to: number, label: number): number {
  let lo = from;
  let step = 1;
  let hi = from;
  while (hi < to && labels[hi]! < label) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  hi = Math.min(hi, to);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (labels[mid]! < label) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The best `k` (label, score) pairs offered, in a min-heap whose root is the
 * worst kept: lowest score, and of equal scores the highest label.
 */
function createTopK(k: number) {
  const labels: number[] = [];
  const scores: number[] = [];
  const worse = (i: number, j: number) => scores[i]! < scores[j]! || (scores[i] === scores[j] && labels[i]! > labels[j]!);
  const swap = (i: number, j: number) => {
    [labels[i], labels[j]] = [labels[j]!, labels[i]!];
    [scores[i], scores[j]] = [scores[j]!, scores[i]!];
  };
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < labels.length && worse(l, m)) m = l;
      if (r < labels.length && worse(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  return {
    /** The score a new chunk must beat to enter; 0 until k are kept (every BM25 score is positive). */
    threshold: () => (labels.length < k ? 0 : scores[0]!),
    /** Labels arrive in ascending order, so a tie with the worst kept loses (it has the higher label). */
    offer(label: number, score: number): boolean {
      if (labels.length < k) {
        labels.push(label);
        scores.push(score);
        for (let i = labels.length - 1; i > 0 && worse(i, (i - 1) >> 1); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
        return true;
      }
      if (score <= scores[0]!) return false;
      labels[0] = label;
      scores[0] = score;
      siftDown(0);
      return true;
    },
    sorted: () =>
      labels.map((label, i) => ({ label, score: scores[i]! })).sort((x, y) => y.score - x.score || x.label - y.label),
  };
}
