/**
 * L2-regularised logistic regression, pure: prediction, and a deterministic fit by
 * Newton's method (iteratively reweighted least squares) on standardised inputs —
 * no random start, no sampling, so the same rows always give the same weights.
 * @module
 */

export interface LogisticModel {
  /** Per-input mean and scale the weights were fitted on (inputs are standardised first). */
  means: number[];
  scales: number[];
  weights: number[];
  bias: number;
}

export interface FitOptions {
  /** L2 penalty on the weights (not the bias), per row. */
  l2: number;
  iterations: number;
  /** Per-row weights (e.g. to give each question equal say); default 1. */
  rowWeights?: readonly number[];
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** The logit (log-odds) the model gives one input row. */
export function logit(model: LogisticModel, x: readonly number[]): number {
  let z = model.bias;
  for (let j = 0; j < model.weights.length; j++) z += model.weights[j]! * ((x[j]! - model.means[j]!) / model.scales[j]!);
  return z;
}

/** Fits weights to rows `xs` with 0/1 labels `ys`. */
export function fitLogistic(xs: readonly (readonly number[])[], ys: readonly number[], o: FitOptions): LogisticModel {
  const d = xs[0]?.length ?? 0;
  const n = xs.length;
  const rowWeight = (i: number) => o.rowWeights?.[i] ?? 1;
  const totalWeight = xs.reduce((sum, _, i) => sum + rowWeight(i), 0);
  const means = Array.from({ length: d }, (_, j) => xs.reduce((sum, x, i) => sum + rowWeight(i) * x[j]!, 0) / totalWeight);
  const scales = means.map((mean, j) => Math.sqrt(xs.reduce((sum, x, i) => sum + rowWeight(i) * (x[j]! - mean) ** 2, 0) / totalWeight) || 1);
  // Standardised rows with a leading 1 for the bias.
  const z = xs.map((x) => [1, ...x.map((v, j) => (v - means[j]!) / scales[j]!)]);
  const beta = new Array<number>(d + 1).fill(0);
  const penalty = o.l2 * totalWeight;
  for (let iteration = 0; iteration < o.iterations; iteration++) {
    const gradient = new Array<number>(d + 1).fill(0);
    const hessian = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const row = z[i]!;
      let s = 0;
      for (let j = 0; j <= d; j++) s += beta[j]! * row[j]!;
      const p = sigmoid(s);
      const w = rowWeight(i);
      const residual = w * (ys[i]! - p);
      const curvature = w * Math.max(p * (1 - p), 1e-9);
      for (let j = 0; j <= d; j++) {
        gradient[j]! += residual * row[j]!;
        const hj = hessian[j]!;
        for (let k = 0; k <= j; k++) hj[k]! += curvature * row[j]! * row[k]!;
      }
    }
    for (let j = 1; j <= d; j++) {
      gradient[j]! -= penalty * beta[j]!;
      hessian[j]![j]! += penalty;
    }
    for (let j = 0; j <= d; j++) for (let k = 0; k < j; k++) hessian[k]![j] = hessian[j]![k]!;
    const step = solve(hessian, gradient);
    let largest = 0;
    for (let j = 0; j <= d; j++) {
      beta[j]! += step[j]!;
      largest = Math.max(largest, Math.abs(step[j]!));
    }
    if (largest < 1e-10) break;
  }
  return { means, scales, weights: beta.slice(1), bias: beta[0]! };
}

/** Solves A·x = b for a symmetric positive definite A (Gaussian elimination with partial pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const head = m[col]!;
    if (Math.abs(head[col]!) < 1e-12) continue;
    for (let r = col + 1; r < n; r++) {
      const row = m[r]!;
      const f = row[col]! / head[col]!;
      if (f !== 0) for (let c = col; c <= n; c++) row[c]! -= f * head[c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const row = m[r]!;
    let s = row[n]!;
    for (let c = r + 1; c < n; c++) s -= row[c]! * x[c]!;
    x[r] = Math.abs(row[r]!) < 1e-12 ? 0 : s / row[r]!;
  }
  return x;
}
