import { seededRandom } from '../../src/embedding/corpus-model/random.js';

/**
 * A tiny seeded PRNG (the corpus model's mulberry32) for fuzzing and random kill points: the same
 * seed gives the same run, so a failure can be replayed.
 */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function createPrng(seed: number): Prng {
  const next = seededRandom(seed);
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return { next, int, pick: (items) => items[int(0, items.length - 1)]!, chance: (p) => next() < p };
}
