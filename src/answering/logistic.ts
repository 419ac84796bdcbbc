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

/**
 * Fits a conditional logit (softmax over the rows of each group): the weights that make the
 * rows labelled 1 of each group most likely to be its best-scored row. A ranking fit — it
 * compares a question's units with each other, not with every unit of every question — so
 * easy negatives of other questions do not drown it. Groups without a row labelled 1 are
 * left out. Standardised inputs, L2 penalty, Newton's method: deterministic. No bias (a
 * constant cancels within a group).
 */
export function fitConditionalLogit(groups: readonly { rows: readonly (readonly number[])[]; labels: readonly number[]; weight?: number }[], o: Omit<FitOptions, 'rowWeights'>): LogisticModel {
  const used = groups.filter((g) => g.labels.some((l) => l === 1));
  const all = used.flatMap((g) => g.rows);
  const d = all[0]?.length ?? 0;
  const means = Array.from({ length: d }, (_, j) => all.reduce((sum, x) => sum + x[j]!, 0) / Math.max(1, all.length));
  const scales = means.map((mean, j) => Math.sqrt(all.reduce((sum, x) => sum + (x[j]! - mean) ** 2, 0) / Math.max(1, all.length)) || 1);
  const standardised = used.map((g) => g.rows.map((x) => x.map((v, j) => (v - means[j]!) / scales[j]!)));
  const targets = used.map((g) => {
    const positives = g.labels.filter((l) => l === 1).length;
    return g.labels.map((l) => (l === 1 ? 1 / positives : 0));
  });
  const penalty = o.l2 * used.reduce((sum, g) => sum + (g.weight ?? 1), 0);
  const softmax = (z: readonly (readonly number[])[], beta: readonly number[]) => {
    const scores = z.map((row) => row.reduce((s, v, j) => s + beta[j]! * v, 0));
    const top = Math.max(...scores);
    const exps = scores.map((s) => Math.exp(s - top));
    const sum = exps.reduce((a, b) => a + b, 0);
    return { p: exps.map((e) => e / sum), logSum: top + Math.log(sum), scores };
  };
  // Penalised negative log-likelihood: what each Newton step must lower (halved until it does).
  const loss = (beta: readonly number[]) =>
    used.reduce((sum, g, gi) => {
      const { logSum, scores } = softmax(standardised[gi]!, beta);
      return sum - (g.weight ?? 1) * targets[gi]!.reduce((s, t, i) => s + t * (scores[i]! - logSum), 0);
    }, 0) + (penalty / 2) * beta.reduce((s, b) => s + b * b, 0);
  let beta = new Array<number>(d).fill(0);
  let current = loss(beta);
  for (let iteration = 0; iteration < o.iterations; iteration++) {
    const gradient = beta.map((b) => -penalty * b);
    const hessian = Array.from({ length: d }, (_, j) => Array.from({ length: d }, (_, k) => (j === k ? penalty : 0)));
    used.forEach((g, gi) => {
      const z = standardised[gi]!;
      const w = g.weight ?? 1;
      const { p } = softmax(z, beta);
      const mean = new Array<number>(d).fill(0);
      z.forEach((row, i) => row.forEach((v, j) => (mean[j]! += p[i]! * v)));
      z.forEach((row, i) => {
        const target = targets[gi]![i]!;
        for (let j = 0; j < d; j++) {
          gradient[j]! += w * (target - p[i]!) * row[j]!;
          const c = w * p[i]! * (row[j]! - mean[j]!);
          const hj = hessian[j]!;
          for (let k = 0; k <= j; k++) hj[k]! += c * (row[k]! - mean[k]!);
        }
      });
    });
    for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) hessian[k]![j] = hessian[j]![k]!;
    const step = solve(hessian, gradient);
    let size = 1;
    let next = beta.map((b, j) => b + step[j]!);
    let value = loss(next);
    while (value > current && size > 1e-6) {
      size /= 2;
      next = beta.map((b, j) => b + size * step[j]!);
      value = loss(next);
    }
    const moved = Math.max(...next.map((b, j) => Math.abs(b - beta[j]!)));
    beta = next;
    current = value;
    if (moved < 1e-10) break;
  }
  return { means, scales, weights: beta, bias: 0 };
}
