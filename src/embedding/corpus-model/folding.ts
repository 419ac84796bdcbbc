/**
 * LSA folding-in (Deerwester et al., 1990; Berry, Dumais & O'Brien, 1995) as a
 * pure function: a word without a vector gets the mean direction of the
 * contexts it occurs in, each context's vector made from the words that have
 * one. Used for words new to a fitted model (fold.ts) and, in a sampled fit,
 * for the words that occur only outside the sample (fit.ts).
 * @module
 */
import { MIN_WINDOW, windows } from './matrix.js';

/** Contexts as in a small fit: half-overlapping windows of MIN_WINDOW words. */
const CONTEXT = { window: MIN_WINDOW, stride: MIN_WINDOW / 2 };

export interface FoldedDirections<W> {
  /** Each fresh word that shares a context with a known one: the sum of those contexts' unit vectors. */
  sums: Map<W, Float64Array>;
  /** Each fresh word's document frequency over the texts. */
  df: Map<W, number>;
}

/**
 * `idsOf(word)` gives a known word's token rows in `table` (row-major, `dims` wide),
 * or null for a fresh word, which contributes nothing to a context's vector.
 * Words are whatever identifies them (strings, or ids in a vocabulary).
 */
export function foldedDirections<W>(textWords: Iterable<ArrayLike<W>>, idsOf: (word: W) => readonly number[] | null, table: Float32Array, dims: number): FoldedDirections<W> {
  const sums = new Map<W, Float64Array>();
  const df = new Map<W, number>();
  const context = new Float64Array(dims);
  for (const list of textWords) {
    const freshAt = Array.from(list, (word) => idsOf(word) === null);
    const fresh = new Set(Array.from(list).filter((_, i) => freshAt[i]));
    for (const word of fresh) df.set(word, (df.get(word) ?? 0) + 1);
    if (fresh.size === 0) continue;
    for (const [from, to] of windows(list.length, CONTEXT)) {
      // A window without a fresh word adds to no sum.
      const firstFresh = freshAt.indexOf(true, from);
      if (firstFresh < 0 || firstFresh >= to) continue;
      context.fill(0);
      for (let i = from; i < to; i++) for (const id of idsOf(list[i]!) ?? []) for (let j = 0; j < dims; j++) context[j]! += table[id * dims + j]!;
      const length = Math.hypot(...context);
      if (length === 0) continue;
      for (let i = from; i < to; i++) {
        if (!freshAt[i]) continue;
        const sum = sums.get(list[i]!) ?? new Float64Array(dims);
        for (let j = 0; j < dims; j++) sum[j]! += context[j]! / length;
        sums.set(list[i]!, sum);
      }
    }
  }
  return { sums, df };
}
