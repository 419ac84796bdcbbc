/**
 * Seeded shuffles and samples, so a big eval set (thousands of SQuAD questions) can be
 * measured in a minute and the same `--sample N --seed S` always picks the same questions.
 * @module
 */
import { seededRandom } from '../embedding/corpus-model/random.js';

/** The items in a seeded random order (Fisher–Yates). */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** `n` items drawn without replacement, kept in file order; all of them when `n` is undefined or too big. */
export function sampleItems<T>(items: readonly T[], n: number | undefined, seed: number): T[] {
  if (n === undefined || n >= items.length) return [...items];
  const chosen = new Set(seededShuffle(items.map((_, i) => i), seed).slice(0, n));
  return items.filter((_, i) => chosen.has(i));
}
