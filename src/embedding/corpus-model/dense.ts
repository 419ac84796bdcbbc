/**
 * Dense row-major matrices and the few kernels the SVD runs on them. Written
 * as flat Float64Array loops because ml-matrix's general routines are far too
 * slow at these shapes (its QR of a 30,000 × 266 matrix took 320 s here; its
 * SVD of 3,000 × 400 took 27 s). ml-matrix is kept for what it does well:
 * the eigendecomposition of small symmetric matrices (266 × 266 in ~0.6 s).
 * @module
 */
import { EVD, Matrix } from 'ml-matrix';

/** Row-major: entry (i, j) is `data[i * cols + j]`. */
export interface Dense {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** XᵀX (x.cols × x.cols), accumulated row by row so the inner loop is contiguous. */
export function gram(x: Dense): Dense {
  const n = x.cols;
  const out = new Float64Array(n * n);
  const xs = x.data;
  for (let i = 0; i < x.rows; i++) {
    const o = i * n;
    for (let a = 0; a < n; a++) {
      const va = xs[o + a]!;
      if (va === 0) continue;
      const ga = a * n;
      for (let b = a; b < n; b++) out[ga + b]! += va * xs[o + b]!;
    }
  }
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) out[b * n + a] = out[a * n + b]!;
  return { rows: n, cols: n, data: out };
}

/** Xᵀ · Y for two tall matrices with the same rows: a small cols(X) × cols(Y) result. */
export function transposedTimes(x: Dense, y: Dense): Dense {
  if (x.rows !== y.rows) throw new RangeError(`cannot multiply (${x.rows}×${x.cols})ᵀ by ${y.rows}×${y.cols}`);
  const m = x.cols;
  const n = y.cols;
  const out = new Float64Array(m * n);
  const xs = x.data;
  const ys = y.data;
  for (let i = 0; i < x.rows; i++) {
    const xo = i * m;
    const yo = i * n;
    for (let a = 0; a < m; a++) {
      const va = xs[xo + a]!;
      if (va === 0) continue;
      const o = a * n;
      for (let j = 0; j < n; j++) out[o + j]! += va * ys[yo + j]!;
    }
  }
  return { rows: m, cols: n, data: out };
}

/** X · T, for a tall X and a small T. */
export function multiplyDense(x: Dense, t: Dense): Dense {
  if (x.cols !== t.rows) throw new RangeError(`cannot multiply ${x.rows}×${x.cols} by ${t.rows}×${t.cols}`);
  const n = t.cols;
  const out = new Float64Array(x.rows * n);
  const xs = x.data;
  const ts = t.data;
  for (let i = 0; i < x.rows; i++) {
    const xo = i * x.cols;
    const o = i * n;
    for (let a = 0; a < x.cols; a++) {
      const va = xs[xo + a]!;
      if (va === 0) continue;
      const to = a * n;
      for (let j = 0; j < n; j++) out[o + j]! += va * ts[to + j]!;
    }
  }
  return { rows: x.rows, cols: n, data: out };
}

/** Eigenpairs of a symmetric matrix, largest eigenvalue first; `vectors` holds them as columns. */
export function symmetricEigen(s: Dense): { values: Float64Array; vectors: Dense } {
  const evd = new EVD(Matrix.from1DArray(s.rows, s.cols, s.data), { assumeSymmetric: true });
  const raw = evd.realEigenvalues;
  const order = raw.map((_, i) => i).sort((i, j) => raw[j]! - raw[i]!);
  const e = evd.eigenvectorMatrix;
  const n = s.rows;
  const vectors = new Float64Array(n * n);
  for (let r = 0; r < n; r++) order.forEach((from, to) => (vectors[r * n + to] = e.get(r, from)));
  return { values: Float64Array.from(order, (i) => raw[i]!), vectors: { rows: n, cols: n, data: vectors } };
}

/** Columns `from` of an eigenvector matrix, each scaled by `scale[i]` (for whitening and Σ). */
export function selectColumns(m: Dense, count: number, scale: (i: number) => number): Dense {
  const out = new Float64Array(m.rows * count);
  for (let r = 0; r < m.rows; r++) for (let i = 0; i < count; i++) out[r * count + i] = m.data[r * m.cols + i]! * scale(i);
  return { rows: m.rows, cols: count, data: out };
}

/**
 * An orthonormal basis of X's column space, as X · T with T from the small
 * Gram matrix G = XᵀX: T = R⁻¹ for the Cholesky factor G = RᵀR (CholeskyQR),
 * or, when G is numerically singular, T = W · D^(-1/2) from its eigenpairs with
 * the dependent directions (eigenvalue < 1e-12 · max) dropped. Either way it is
 * one tall product instead of a Householder QR. Squaring X's condition number
 * costs orthogonality; a second pass (CholeskyQR2, Fukaya et al. 2014) restores
 * it to working precision.
 */
export function orthonormalize(x: Dense, passes: number): Dense {
  let q = x;
  for (let pass = 0; pass < passes; pass++) q = multiplyDense(q, orthonormalizer(gram(q)));
  return q;
}

/** T such that X · T is orthonormal, from G = XᵀX (see `orthonormalize`). */
export function orthonormalizer(g: Dense): Dense {
  return inverseCholeskyFactor(g) ?? whitening(g);
}

/** Tᵀ · H · T for small square H. */
export function congruence(t: Dense, h: Dense): Dense {
  return transposedTimes(t, multiplyDense(h, t));
}

/** R⁻¹ (upper triangular) for G = RᵀR, or null when a pivot shows G is not safely positive definite. */
function inverseCholeskyFactor(g: Dense): Dense | null {
  const n = g.rows;
  const l = new Float64Array(n * n); // lower factor L = Rᵀ
  let maxDiagonal = 0;
  for (let i = 0; i < n; i++) maxDiagonal = Math.max(maxDiagonal, g.data[i * n + i]!);
  for (let j = 0; j < n; j++) {
    let d = g.data[j * n + j]!;
    for (let k = 0; k < j; k++) d -= l[j * n + k]! ** 2;
    if (!(d > maxDiagonal * 1e-12)) return null;
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let v = g.data[i * n + j]!;
      for (let k = 0; k < j; k++) v -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = v / ljj;
    }
  }
  // Forward substitution column by column gives L⁻¹ (lower); R⁻¹ = (L⁻¹)ᵀ.
  const inverse = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    for (let i = c; i < n; i++) {
      let v = i === c ? 1 : 0;
      for (let k = c; k < i; k++) v -= l[i * n + k]! * inverse[c * n + k]!;
      inverse[c * n + i] = v / l[i * n + i]!; // row c of (L⁻¹)ᵀ = column c of L⁻¹
    }
  }
  return { rows: n, cols: n, data: inverse };
}

/** W · D^(-1/2) over the eigenpairs of G that are not numerically zero. */
function whitening(g: Dense): Dense {
  const { values, vectors } = symmetricEigen(g);
  const floor = Math.max(values[0] ?? 0, 0) * 1e-12;
  let keep = 0;
  while (keep < values.length && values[keep]! > floor && values[keep]! > 0) keep++;
  return selectColumns(vectors, keep, (i) => 1 / Math.sqrt(values[i]!));
}
