/**
 * Fits Quire's corpus embedding model: an LSA word space (Deerwester et al.,
 * 1990) distilled into a static token table in the spirit of Model2Vec
 * (Tulkens & van Dongen, 2024), so that transformers.js's plain
 * "look up tokens → mean-pool → normalise" path produces a good sentence vector.
 *
 * Each word's vector is its row of U·Σ^α without the first singular
 * direction, L2-normalised, then scaled by the word's IDF: mean pooling over
 * such rows is an IDF-weighted average of unit word directions, so "the" and
 * "of" barely move a text's vector and rare, topical words dominate it (the
 * SIF/Model2Vec weighting idea).
 *
 * A large corpus's SVD sees a sample of its contexts (matrix.ts); a word that
 * occurs only outside it is folded in from its contexts (folding.ts), with the
 * same IDF scaling, so every word of the corpus still has a vector.
 * @module
 */
import { QuireError } from '../../errors.js';
import { foldedDirections } from './folding.js';
import { buildTermMatrix, type TermMatrix } from './matrix.js';
import { truncatedSvd, type TruncatedSvd } from './svd.js';
import { tokenList } from './tokenizer.js';
import { wordsOf } from './words.js';
import { writeCorpusModel } from './write.js';

/**
 * Exponent α on Σ before normalising. α = 1 weighs each latent direction by its
 * singular value (classic LSA); α = 0.5 flattens that, giving the finer topics more say.
 * Measured on the default corpus: see the comment in the unit test on retrieval.
 */
export const SIGMA_EXPONENT = 0.5;

/**
 * The first singular direction of a non-negative TF-IDF matrix is close to the
 * corpus's average word profile (every word loads on it with the same sign), so
 * it encodes frequency rather than topic and makes all texts look alike.
 * Removing it is SIF's "common component removal" (Arora et al., 2017) and
 * "all-but-the-top" (Mu & Viswanath, 2018); on the default corpus it raised
 * MRR from 0.73 to 0.80. Kept when fewer than MIN_DIRECTIONS would remain.
 */
const DROP_FIRST_DIRECTION = 1;
const MIN_DIRECTIONS = 2;

export interface FittedCorpusModel {
  /** Token strings in id order: [PAD], [UNK], the words, the suffix pieces. */
  tokens: string[];
  /** Row-major tokens × dims; [PAD], [UNK] and suffix pieces are zero rows. */
  table: Float32Array;
  dims: number;
  vocabularySize: number;
  texts: number;
  contexts: number;
  svd: TruncatedSvd['method'];
}

/** Fits the token table in memory (no I/O). `dims` is an upper bound: a tiny corpus may support fewer. */
export function fitCorpusTable(texts: readonly string[], dims: number, { maxContexts }: { maxContexts?: number } = {}): FittedCorpusModel {
  const terms = buildTermMatrix(wordsOf(texts), maxContexts === undefined ? {} : { maxContexts });
  const { vocabulary, idf, matrix } = terms;
  if (vocabulary.length === 0) {
    throw new QuireError('corpus_empty', `Cannot fit a corpus embedding model: the ${texts.length} texts given contain no words.`);
  }
  const svd = truncatedSvd(matrix, dims + DROP_FIRST_DIRECTION);
  const first = svd.sigma.length - DROP_FIRST_DIRECTION >= MIN_DIRECTIONS ? DROP_FIRST_DIRECTION : 0;
  const k = Math.min(dims, svd.sigma.length - first);
  const width = svd.sigma.length;
  const tokens = tokenList(vocabulary);
  const table = new Float32Array(tokens.length * k);
  // Row of U·Σ^α = row of U·Σ times σ^(α − 1).
  const weight = Float64Array.from(svd.sigma.subarray(first, first + k), (s) => s ** (SIGMA_EXPONENT - 1));
  const row = new Float64Array(k);
  for (let w = 0; w < vocabulary.length; w++) {
    let norm = 0;
    for (let j = 0; j < k; j++) {
      row[j] = svd.uSigma.data[w * width + first + j]! * weight[j]!;
      norm += row[j]! * row[j]!;
    }
    // A word whose row is (numerically) outside the kept subspace gets no direction rather than noise.
    if (norm < 1e-24) continue;
    const scale = idf[w]! / Math.sqrt(norm);
    const at = (w + 2) * k; // after [PAD] and [UNK]
    for (let j = 0; j < k; j++) table[at + j] = row[j]! * scale;
  }
  foldUnsampledWords(terms, table, k);
  return { tokens, table, dims: k, vocabularySize: vocabulary.length, texts: texts.length, contexts: matrix.cols, svd: svd.method };
}

/** Gives the words without a context in a sampled matrix (an empty row) their folded-in rows; none when the matrix is whole. */
function foldUnsampledWords({ vocabulary, idf, matrix, texts }: TermMatrix, table: Float32Array, k: number): void {
  // A sampled word's token row is its id after [PAD] and [UNK]; an unsampled one has none yet.
  const rows = vocabulary.map((_, w) => (matrix.rowPtr[w] === matrix.rowPtr[w + 1] ? null : [w + 2]));
  if (!rows.includes(null)) return;
  for (const [w, sum] of foldedDirections(texts, (w) => rows[w] ?? null, table, k).sums) {
    const scale = idf[w]! / Math.hypot(...sum);
    for (let j = 0; j < k; j++) table[(w + 2) * k + j] = sum[j]! * scale;
  }
}

/** Fits a corpus model on `texts` and writes it to `dir` in the transformers.js layout. */
export async function fitCorpusModel(texts: readonly string[], o: { dims: number; dir: string }): Promise<{ vocabularySize: number; dims: number }> {
  const model = fitCorpusTable(texts, o.dims);
  await writeCorpusModel(o.dir, model);
  return { vocabularySize: model.vocabularySize, dims: model.dims };
}
