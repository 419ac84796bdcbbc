/**
 * The TF-IDF-weighted word × context matrix LSA factorises.
 *
 * Contexts are overlapping windows of words inside each text, not the texts
 * themselves. With the default corpus's 60–80 chunks, chunk columns cap the
 * rank at that number and only say "these words share a chunk"; windows of ~30
 * words give hundreds of columns and capture the closer co-occurrence that
 * makes "gas", "pipeline" and "cubic metres" neighbours (the reason word2vec-
 * and Model2Vec-style static embeddings use local windows). On the default
 * corpus (154 paragraphs, 20 hand-written questions) windows of 30/15 gave
 * MRR 0.80 against 0.74 for whole paragraphs as contexts (both with the
 * choices in fit.ts).
 *
 * The windows widen as the corpus grows so that there are about MAX_CONTEXTS
 * of them: by then every dims setting has ample columns, and the SVD's dense
 * work grows linearly with the number of contexts. At 5,000 chunks a window
 * is about a chunk.
 * @module
 */
import { createCsrBuilder, transpose, type Csr } from './sparse.js';

export interface TermMatrix {
  /** Words in id order (id = row of `matrix`). */
  vocabulary: string[];
  /** Smoothed inverse document frequency of each word over the texts. */
  idf: Float64Array;
  /** vocabulary × contexts, cell = (1 + ln tf) · idf. */
  matrix: Csr;
}

export interface ContextWindows {
  /** Words per context. */
  window: number;
  /** Words between the starts of neighbouring windows. */
  stride: number;
}

/** Window for small corpora, tuned on the default corpus (see above). */
export const MIN_WINDOW = 30;
/** Roughly the most contexts a fit uses; larger corpora get wider windows. */
export const MAX_CONTEXTS = 4096;

/** Half-overlapping windows of at least MIN_WINDOW words, about MAX_CONTEXTS of them at most. */
export function contextWindows(totalWords: number): ContextWindows {
  const stride = Math.max(MIN_WINDOW / 2, Math.ceil(totalWords / MAX_CONTEXTS));
  return { window: 2 * stride, stride };
}

/** Smoothed IDF (as scikit-learn's): ln((1 + N) / (1 + df)) + 1, never 0, so even a one-text corpus keeps its words. */
export const smoothIdf = (texts: number, df: number): number => Math.log((1 + texts) / (1 + df)) + 1;

export function buildTermMatrix(textWords: readonly (readonly string[])[], contexts?: ContextWindows): TermMatrix {
  const df = new Map<string, number>();
  let totalWords = 0;
  for (const words of textWords) {
    totalWords += words.length;
    for (const word of new Set(words)) df.set(word, (df.get(word) ?? 0) + 1);
  }
  // Most frequent first, ties alphabetical: a deterministic id order for a deterministic model.
  const vocabulary = [...df.keys()].sort((a, b) => df.get(b)! - df.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
  const ids = new Map(vocabulary.map((word, id) => [word, id]));
  const idf = Float64Array.from(vocabulary, (word) => smoothIdf(textWords.length, df.get(word)!));

  // Built context by context (contexts × words), then transposed: O(nnz), no per-word maps.
  const byContext = createCsrBuilder(vocabulary.length);
  for (const words of textWords) {
    for (const [from, to] of windows(words.length, contexts ?? contextWindows(totalWords))) {
      const weights = new Map<number, number>();
      for (let i = from; i < to; i++) {
        const id = ids.get(words[i]!)!;
        weights.set(id, (weights.get(id) ?? 0) + 1);
      }
      for (const [id, tf] of weights) weights.set(id, (1 + Math.log(tf)) * idf[id]!);
      byContext.addRow(weights);
    }
  }
  return { vocabulary, idf, matrix: transpose(byContext.build()) };
}

/** [from, to) word ranges covering a text: one if it is short, else half-overlapping windows, the last flush with the end. */
export function windows(length: number, { window, stride }: ContextWindows): [number, number][] {
  if (length === 0) return [];
  if (length <= window) return [[0, length]];
  const out: [number, number][] = [];
  for (let from = 0; from + window < length; from += stride) out.push([from, from + window]);
  out.push([length - window, length]);
  return out;
}
