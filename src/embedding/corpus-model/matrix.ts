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
 *
 * A window never spans two texts, so past MAX_CONTEXTS texts there is a
 * context per text, and the SVD's cost grows with the corpus again (at 117k
 * chunks it took 110 s). Past MAX_FIT_CONTEXTS contexts, the matrix keeps an
 * evenly spread sample of them: the latent directions of a few million words
 * of text are those of the whole, and fit.ts folds in the words that only
 * occur outside the sample. Vocabulary and IDF are always the whole corpus's;
 * a corpus with fewer contexts is factorised whole, exactly as before.
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
  /** Each text's words as ids. */
  texts: Int32Array[];
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
/** The most contexts a fit factorises: a corpus with more (one per chunk past 4,096 chunks) is sampled. */
export const MAX_FIT_CONTEXTS = 8192;

/** Half-overlapping windows of at least MIN_WINDOW words, about MAX_CONTEXTS of them at most. */
export function contextWindows(totalWords: number): ContextWindows {
  const stride = Math.max(MIN_WINDOW / 2, Math.ceil(totalWords / MAX_CONTEXTS));
  return { window: 2 * stride, stride };
}

/** Smoothed IDF (as scikit-learn's): ln((1 + N) / (1 + df)) + 1, never 0, so even a one-text corpus keeps its words. */
export const smoothIdf = (texts: number, df: number): number => Math.log((1 + texts) / (1 + df)) + 1;

export interface TermMatrixOptions {
  /** @default contextWindows(the corpus's word count) */
  contexts?: ContextWindows;
  /** Contexts beyond which an evenly spread sample of this many is kept. @default MAX_FIT_CONTEXTS */
  maxContexts?: number;
}

export function buildTermMatrix(textWords: Iterable<readonly string[]>, options: TermMatrixOptions = {}): TermMatrix {
  // Each text as numbers (first-seen ids), so a large corpus's words are not all held as strings.
  const firstSeen = new Map<string, number>();
  const seenIn: number[] = []; // the last text each first-seen id was counted for
  const counts: number[] = [];
  const provisional: Int32Array[] = [];
  let totalWords = 0;
  for (const words of textWords) {
    const text = provisional.length;
    const ids = new Int32Array(words.length);
    words.forEach((word, i) => {
      let id = firstSeen.get(word);
      if (id === undefined) {
        firstSeen.set(word, (id = firstSeen.size));
        seenIn.push(-1);
        counts.push(0);
      }
      if (seenIn[id] !== text) {
        seenIn[id] = text;
        counts[id]! += 1;
      }
      ids[i] = id;
    });
    provisional.push(ids);
    totalWords += words.length;
  }
  const words = [...firstSeen.keys()];
  // Most frequent first, ties alphabetical: a deterministic id order for a deterministic model.
  const order = words.map((_, id) => id).sort((a, b) => counts[b]! - counts[a]! || (words[a]! < words[b]! ? -1 : words[a]! > words[b]! ? 1 : 0));
  const vocabulary = order.map((id) => words[id]!);
  const idf = Float64Array.from(order, (id) => smoothIdf(provisional.length, counts[id]!));
  const final = new Int32Array(order.length);
  order.forEach((id, w) => (final[id] = w));
  const texts = provisional.map((ids) => ids.map((id) => final[id]!));

  const spans = options.contexts ?? contextWindows(totalWords);
  const sampled = sampler(
    texts.reduce((n, ids) => n + windows(ids.length, spans).length, 0),
    options.maxContexts ?? MAX_FIT_CONTEXTS,
  );
  // Built context by context (contexts × words), then transposed: O(nnz), no per-word maps.
  const byContext = createCsrBuilder(vocabulary.length);
  let context = 0;
  for (const ids of texts) {
    for (const [from, to] of windows(ids.length, spans)) {
      if (!sampled(context++)) continue;
      const weights = new Map<number, number>();
      for (let i = from; i < to; i++) weights.set(ids[i]!, (weights.get(ids[i]!) ?? 0) + 1);
      for (const [id, tf] of weights) weights.set(id, (1 + Math.log(tf)) * idf[id]!);
      byContext.addRow(weights);
    }
  }
  return { vocabulary, idf, matrix: transpose(byContext.build()), texts };
}

/** Whether context i of `total` is kept: all of them up to `max`, else `max` evenly spread ones (the first where ⌊i · max / total⌋ steps). */
function sampler(total: number, max: number): (i: number) => boolean {
  if (total <= max) return () => true;
  return (i) => Math.floor((i * max) / total) !== Math.floor(((i - 1) * max) / total);
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
