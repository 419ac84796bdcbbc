/**
 * Truncated SVD of the sparse word × context matrix A, as LSA uses it
 * (Deerwester et al., 1990): the top k singular values Σ and the word
 * coordinates U·Σ.
 *
 * All dense work happens on the smaller side of A. With B = A when there are
 * fewer contexts than words (else B = Aᵀ), the top eigenvectors of the small
 * Gram matrix BᵀB are A's singular vectors on that side, and the other side
 * follows from one sparse product (U·Σ = A·V). Two routes to those eigenvectors:
 *
 * - exact, when the small side has at most `exactLimit` entries: form BᵀB and
 *   decompose it (ml-matrix's EVD is cubic: 500² ≈ 3 s);
 * - randomised subspace iteration otherwise (Halko, Martinsson & Tropp,
 *   "Finding structure with randomness", SIAM Review 2011, Alg. 4.4 and 5.1):
 *   Y = Bᵀ Ω, then `powerIterations` times Y = BᵀB · orth(Y), then
 *   Rayleigh–Ritz on span(Y) (l × l, l = k + oversample). Cost ~ nnz · l per
 *   sparse product plus small-side · l² per tall dense product (about six of
 *   each); nothing of size words × contexts is ever dense.
 * @module
 */
import { congruence, gram, multiplyDense, orthonormalize, orthonormalizer, selectColumns, symmetricEigen, transposedTimes, type Dense } from './dense.js';
import { gaussianArray } from './random.js';
import { gramOfColumns, multiply, multiplyTransposed, transpose, type Csr } from './sparse.js';

export interface TruncatedSvd {
  /** U·Σ: rows(A) × k, row i = word i's coordinates. */
  uSigma: Dense;
  /** k singular values, largest first (fewer than asked when A's rank is lower). */
  sigma: Float64Array;
  method: 'exact' | 'randomized';
}

export interface SvdOptions {
  /** Largest small side solved exactly. @default 500 */
  exactLimit?: number;
  /** Extra random directions beyond k (Halko et al. §4.2 suggest 5–10). @default 10 */
  oversample?: number;
  /** Power iterations; TF-IDF spectra decay slowly, where 1–2 sharpen the subspace a lot (§4.5). @default 1 */
  powerIterations?: number;
  /** @default 42 */
  seed?: number;
}

/** Singular values below this share of the largest are rounding noise (the Gram route squares them: 1e-6² = 1e-12 ≫ machine ε). */
const RANK_TOLERANCE = 1e-6;

export function truncatedSvd(a: Csr, k: number, options: SvdOptions = {}): TruncatedSvd {
  const { exactLimit = 500, oversample = 10, powerIterations = 1, seed = 42 } = options;
  const contextSide = a.cols <= a.rows;
  const b = contextSide ? a : transpose(a);
  const small = b.cols;
  const method = small <= Math.max(exactLimit, k + oversample) ? 'exact' : 'randomized';
  const { values, vectors } = method === 'exact' ? symmetricEigen(gramOfColumns(b)) : subspaceEigen(b, Math.min(k + oversample, small), k, powerIterations, seed);
  const sigma = singularValues(values, k);
  const top = selectColumns(vectors, sigma.length, () => 1);
  // Context side: top = V_k, so U·Σ = A·V_k. Word side: top = U_k, so U·Σ = U_k scaled by σ.
  const uSigma = contextSide ? multiply(a, top) : selectColumns(top, sigma.length, (i) => sigma[i]!);
  return { uSigma, sigma, method };
}

/**
 * Approximate top eigenpairs of BᵀB by randomised subspace iteration; vectors are small-side × `count`.
 * The last step is Rayleigh–Ritz on span(Y) without orthonormalising Y first: the generalised problem
 * (YᵀBᵀBY) x = λ (YᵀY) x, reduced with YᵀY's Cholesky factor, costs one tall product less than
 * QR + Ritz, and the tall products are what a fit spends its time on.
 */
function subspaceEigen(b: Csr, l: number, count: number, powerIterations: number, seed: number): { values: Float64Array; vectors: Dense } {
  const omega: Dense = { rows: b.rows, cols: l, data: gaussianArray(b.rows * l, seed) };
  let y = multiplyTransposed(b, omega);
  // Orthonormalising before each step keeps the small directions from drowning in rounding (Alg. 4.4).
  for (let i = 0; i < powerIterations; i++) y = applyGram(b, orthonormalize(y, 1));
  const basis = orthonormalizer(gram(y)); // Y · basis is orthonormal
  const ritz = symmetricEigen(symmetrize(congruence(basis, transposedTimes(y, applyGram(b, y)))));
  const top = selectColumns(ritz.vectors, Math.min(count, ritz.values.length), () => 1);
  return { values: ritz.values, vectors: multiplyDense(y, multiplyDense(basis, top)) };
}

const applyGram = (b: Csr, q: Dense): Dense => multiplyTransposed(b, multiply(b, q));

/** (T + Tᵀ) / 2: removes the rounding asymmetry before a symmetric eigensolver sees it. */
function symmetrize(t: Dense): Dense {
  const n = t.rows;
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) data[i * n + j] = (t.data[i * n + j]! + t.data[j * n + i]!) / 2;
  return { rows: n, cols: n, data };
}

/** √λ for the top k eigenvalues that are not numerically zero. */
function singularValues(eigenvalues: Float64Array, k: number): Float64Array {
  const top = Math.sqrt(Math.max(eigenvalues[0] ?? 0, 0));
  const out: number[] = [];
  for (const value of eigenvalues) {
    const s = Math.sqrt(Math.max(value, 0));
    if (out.length === k || s <= top * RANK_TOLERANCE) break;
    out.push(s);
  }
  return Float64Array.from(out);
}
