/**
 * What transformers.js's mean pooling + normalisation should produce, computed
 * in plain JS from a token table: the reference the ONNX path is checked against.
 */

/** Texts of every length the pooling must get right: short, long, one word, one the corpus model does not know. */
export const POOLING_TEXTS = [
  'Russia will build the gas pipeline from Karachi to Lahore, a 1,100 kilometre pipeline for natural gas.',
  'Pakistan won.',
  'The cricket team celebrated the win; the captain praised the bowlers and the fielding, and the crowd stayed late into the night to cheer them on.',
  'vaccine',
  'Pakistan received doses of the Sputnik vaccine against Covid from Russia.',
  'zyxwv qqqq', // no word the corpus model knows
  'The North-South gas pipeline will carry liquefied natural gas from the port of Karachi to Lahore.',
];

/** L2-normalised mean of the table rows of `ids`. */
export function meanPooled(table: Float32Array, dims: number, ids: readonly number[]): Float64Array {
  const out = new Float64Array(dims);
  for (const id of ids) for (let j = 0; j < dims; j++) out[j]! += table[id * dims + j]!;
  const norm = Math.hypot(...out);
  return out.map((v) => (norm === 0 ? 0 : v / norm));
}

export const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
};

export const norm = (a: ArrayLike<number>): number => Math.sqrt(dot(a, a));

/** Largest absolute difference between two vectors of the same length. */
export const maxDifference = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
};
