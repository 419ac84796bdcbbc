/**
 * Gradient-boosted regression trees for a 0/1 outcome (logistic loss), pure: prediction,
 * and a deterministic fit — second-order (Newton) boosting of shallow trees whose splits
 * are tried at fixed quantiles of each input, no sampling, so the same rows always give
 * the same trees. Small enough to read: a few hundred depth-3 trees, each split naming
 * its input and threshold. Used where inputs interact (the answer's confidence: a high
 * unit score means little when the question names what no passage holds).
 * @module
 */

/** A split on input `input` at `threshold` (≤ goes left), or a leaf's contribution to the logit. */
export type BoostedTree = number | { input: number; threshold: number; left: BoostedTree; right: BoostedTree };

export interface BoostedModel {
  /** The logit before any tree: the weighted log-odds of the labels. */
  base: number;
  /** Each tree's contribution is scaled by this (the learning rate). */
  rate: number;
  trees: BoostedTree[];
}

export interface BoostOptions {
  trees: number;
  depth: number;
  rate: number;
  /** A split leaves at least this much row weight on each side. */
  minLeafWeight: number;
  /** Per-row weights; default 1. */
  rowWeights?: readonly number[];
}

/** Candidate thresholds per input: midpoints of its distinct values, or this many quantiles when there are more. */
const QUANTILES = 16;
/** L2 penalty on leaf values (XGBoost's lambda). */
const LEAF_L2 = 1;

/** The model's logit for one input row. */
export function boostedLogit(model: BoostedModel, x: readonly number[]): number {
  let z = model.base;
  for (const tree of model.trees) z += model.rate * leafValue(tree, x);
  return z;
}

function leafValue(tree: BoostedTree, x: readonly number[]): number {
  let node = tree;
  while (typeof node !== 'number') node = x[node.input]! <= node.threshold ? node.left : node.right;
  return node;
}

/** Fits trees to rows `xs` with 0/1 labels `ys`. */
export function fitBoostedTrees(xs: readonly (readonly number[])[], ys: readonly number[], o: BoostOptions): BoostedModel {
  const weight = (i: number) => o.rowWeights?.[i] ?? 1;
  const positive = ys.reduce((sum, y, i) => sum + y * weight(i), 0);
  const total = xs.reduce((sum, _, i) => sum + weight(i), 0);
  const base = Math.log(Math.max(positive, 1e-9) / Math.max(total - positive, 1e-9));
  const splits = candidateThresholds(xs);
  const logits = new Float64Array(xs.length).fill(base);
  const gradients = new Float64Array(xs.length);
  const hessians = new Float64Array(xs.length);
  const rows = xs.map((_, i) => i);
  const trees: BoostedTree[] = [];
  for (let t = 0; t < o.trees; t++) {
    for (let i = 0; i < xs.length; i++) {
      const p = 1 / (1 + Math.exp(-logits[i]!));
      gradients[i] = (p - ys[i]!) * weight(i);
      hessians[i] = p * (1 - p) * weight(i);
    }
    const grow = (members: readonly number[], depth: number): BoostedTree => {
      const g = sum(members, gradients);
      const h = sum(members, hessians);
      const leaf = -g / (h + LEAF_L2);
      if (depth === 0) return leaf;
      let best = { gain: 0, input: -1, threshold: 0 };
      const memberWeight = members.reduce((s, i) => s + weight(i), 0);
      splits.forEach((thresholds, input) => {
        for (const threshold of thresholds) {
          let gl = 0, hl = 0, wl = 0;
          for (const i of members) if (xs[i]![input]! <= threshold) (gl += gradients[i]!), (hl += hessians[i]!), (wl += weight(i));
          if (wl < o.minLeafWeight || memberWeight - wl < o.minLeafWeight) continue;
          const gain = (gl * gl) / (hl + LEAF_L2) + ((g - gl) * (g - gl)) / (h - hl + LEAF_L2) - (g * g) / (h + LEAF_L2);
          if (gain > best.gain) best = { gain, input, threshold };
        }
      });
      if (best.input < 0) return leaf;
      const left = members.filter((i) => xs[i]![best.input]! <= best.threshold);
      const right = members.filter((i) => xs[i]![best.input]! > best.threshold);
      return { input: best.input, threshold: best.threshold, left: grow(left, depth - 1), right: grow(right, depth - 1) };
    };
    const tree = grow(rows, o.depth);
    trees.push(tree);
    for (let i = 0; i < xs.length; i++) logits[i] = logits[i]! + o.rate * leafValue(tree, xs[i]!);
  }
  return { base, rate: o.rate, trees };
}

function candidateThresholds(xs: readonly (readonly number[])[]): number[][] {
  const inputs = xs[0]?.length ?? 0;
  return Array.from({ length: inputs }, (_, input) => {
    const values = [...new Set(xs.map((x) => x[input]!))].sort((a, b) => a - b);
    if (values.length <= QUANTILES) return values.slice(0, -1).map((v, k) => (v + values[k + 1]!) / 2);
    return Array.from({ length: QUANTILES - 1 }, (_, k) => values[Math.floor(((k + 1) * values.length) / QUANTILES)]!);
  });
}

const sum = (members: readonly number[], values: Float64Array): number => members.reduce((s, i) => s + values[i]!, 0);
