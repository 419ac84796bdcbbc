import { describe, expect, it } from 'vitest';
import { FEATURE_NAMES, QUESTION_FEATURE_NAMES } from '../../../src/answering/features.js';
import { boostedLogit, fitBoostedTrees, type BoostedTree } from '../../../src/answering/boosted.js';
import { fitAnswerModel, type LabelledQuestion } from '../../../src/answering/fit.js';
import { fitConditionalLogit, fitLogistic, logit, sigmoid } from '../../../src/answering/logistic.js';
import { answerConfidence, defaultAnswerModel, parseAnswerModel, unitLogit } from '../../../src/answering/model.js';
import { seededRandom } from '../../../src/embedding/corpus-model/random.js';

/** Synthetic questions: the right unit has higher coverage and similarity; unanswerable ones have an absent name. */
function syntheticQuestions(count: number, seed: number): LabelledQuestion[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, n) => {
    const answerable = n % 3 !== 0;
    const right = answerable ? Math.floor(random() * 5) : -1;
    const features = Array.from({ length: 5 }, (_, i) =>
      FEATURE_NAMES.map((name) => {
        const signal = i === right ? 0.5 : 0;
        return name === 'coverage' || name === 'similarityZ' ? Math.min(1, random() * 0.6 + signal) : random();
      }),
    );
    return { id: `q${n}`, group: `a${n % 4}`, answerable, features, labels: features.map((_, i) => (i === right ? 1 : 0)), question: [answerable ? 0 : 1, random() < 0.3 ? 1 : 0] };
  });
}

const split = { fit: ['a0', 'a1'], validation: ['a2'] };

describe('logistic regression', () => {
  it('finds the direction that separates the labels, and is a probability', () => {
    const random = seededRandom(3);
    const xs = Array.from({ length: 400 }, () => [random(), random()]);
    const ys = xs.map(([a]) => (a! > 0.5 ? 1 : 0));
    const model = fitLogistic(xs, ys, { l2: 1e-3, iterations: 30 });
    expect(model.weights[0]!).toBeGreaterThan(2);
    expect(Math.abs(model.weights[1]!)).toBeLessThan(model.weights[0]! / 5);
    expect(sigmoid(logit(model, [0.9, 0.5]))).toBeGreaterThan(0.9);
    expect(sigmoid(logit(model, [0.1, 0.5]))).toBeLessThan(0.1);
  });
});

describe('gradient-boosted trees', () => {
  const random = seededRandom(11);
  // Label 1 exactly when both inputs are high: an interaction no single weight per input expresses.
  const xs = Array.from({ length: 600 }, () => [random(), random(), random()]);
  const ys = xs.map(([a, b]) => (a! > 0.5 && b! > 0.5 ? 1 : 0));
  const options = { trees: 60, depth: 2, rate: 0.3, minLeafWeight: 5 };

  it('learns an interaction of two inputs, ignoring the third, as a probability', () => {
    const model = fitBoostedTrees(xs, ys, options);
    const p = (x: number[]) => sigmoid(boostedLogit(model, x));
    expect(p([0.9, 0.9, 0.5])).toBeGreaterThan(0.9);
    for (const x of [[0.9, 0.1, 0.5], [0.1, 0.9, 0.5], [0.1, 0.1, 0.5]]) expect(p(x)).toBeLessThan(0.1);
    // The third input, which tells nothing, moves no probability far.
    for (const [a, b] of [[0.9, 0.9], [0.9, 0.1], [0.2, 0.7]]) expect(Math.abs(p([a!, b!, 0.05]) - p([a!, b!, 0.95]))).toBeLessThan(0.15);
    // A logistic regression on the same rows cannot tell (0.9, 0.1) from (0.9, 0.9) as well.
    const linear = fitLogistic(xs, ys, { l2: 1e-3, iterations: 30 });
    expect(sigmoid(logit(linear, [0.9, 0.1, 0.5]))).toBeGreaterThan(p([0.9, 0.1, 0.5]));
  });

  it('is deterministic, and row weights shift it toward the heavier rows', () => {
    const a = fitBoostedTrees(xs, ys, options);
    expect(JSON.stringify(fitBoostedTrees(structuredClone(xs), [...ys], options))).toBe(JSON.stringify(a));
    const heavyPositives = fitBoostedTrees(xs, ys, { ...options, rowWeights: ys.map((y) => (y === 1 ? 5 : 1)) });
    expect(heavyPositives.base).toBeGreaterThan(a.base);
  });
});

describe('conditional logit (ranking within a question)', () => {
  it('weighs what tells units of one question apart, not what differs only between questions', () => {
    const random = seededRandom(5);
    // Feature 0 marks the right unit within its group; feature 1 is the same for every unit of a group.
    const groups = Array.from({ length: 200 }, () => {
      const shared = random();
      const right = Math.floor(random() * 4);
      const rows = Array.from({ length: 4 }, (_, i) => [(i === right ? 0.6 : 0) + random() * 0.5, shared]);
      return { rows, labels: rows.map((_, i) => (i === right ? 1 : 0)) };
    });
    const model = fitConditionalLogit(groups, { l2: 1e-3, iterations: 30 });
    expect(model.weights[0]!).toBeGreaterThan(1);
    expect(Math.abs(model.weights[1]!)).toBeLessThan(1e-6);
    const ranked = groups.filter((g) => {
      const scores = g.rows.map((x) => logit(model, x));
      return g.labels[scores.indexOf(Math.max(...scores))] === 1;
    });
    expect(ranked.length / groups.length).toBeGreaterThan(0.8);
    expect(JSON.stringify(fitConditionalLogit(structuredClone(groups), { l2: 1e-3, iterations: 30 }))).toBe(JSON.stringify(model));
  });
});

describe('fitting the answer model', () => {
  it('is deterministic: the same questions give the same weights, threshold and report', () => {
    const fit = syntheticQuestions(120, 7);
    const validation = syntheticQuestions(60, 8);
    const a = fitAnswerModel(fit, validation, { l2: 1e-4, precision: 0.7, split });
    const b = fitAnswerModel(structuredClone(fit), structuredClone(validation), { l2: 1e-4, precision: 0.7, split });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('learns to rank the right unit first and to doubt questions with an absent name', () => {
    const { model, report } = fitAnswerModel(syntheticQuestions(300, 1), syntheticQuestions(150, 2), { l2: 1e-4, precision: 0.7, split });
    expect(report.bestUnitRight / report.answerable).toBeGreaterThan(0.6);
    expect(report.precision).toBeGreaterThanOrEqual(0.7);
    const row = FEATURE_NAMES.map(() => 0.5);
    expect(answerConfidence(model, [1, -1], [row, row], [1, 0])).toBeLessThan(answerConfidence(model, [1, -1], [row, row], [0, 0]));
    expect(unitLogit(model, row)).toBeLessThan(unitLogit(model, row.map((v, i) => (FEATURE_NAMES[i] === 'coverage' ? 1 : v))));
  });
});

describe('the shipped answer model', () => {
  const model = defaultAnswerModel();

  it('loads from the repository, fitted on exactly the features the product computes', () => {
    expect(model.features).toEqual([...FEATURE_NAMES]);
    expect(model.unit.weights).toHaveLength(FEATURE_NAMES.length);
    expect(model.confidence.trees.length).toBeGreaterThan(0);
    const inputs = (tree: BoostedTree): number[] => (typeof tree === 'number' ? [] : [tree.input, ...inputs(tree.left), ...inputs(tree.right)]);
    expect(Math.max(...model.confidence.trees.flatMap(inputs))).toBeLessThan(2 + QUESTION_FEATURE_NAMES.length + FEATURE_NAMES.length);
    expect(model.threshold).toBeGreaterThan(0);
    expect(model.threshold).toBeLessThan(1);
  });

  it('scores a unit covering the question above one covering nothing, and is less confident when a name is absent', () => {
    const row = (coverage: number) => FEATURE_NAMES.map((name) => (['coverage', 'windowCoverage', 'nameShare', 'wordShare'].includes(name) ? coverage : name === 'coverageGap' ? coverage - 1 : 0.5));
    expect(unitLogit(model, row(1))).toBeGreaterThan(unitLogit(model, row(0)));
    // A name of the question that no retrieved chunk holds is also missing from the best unit and its window.
    const absent = (x: number[]) => x.map((v, i) => (FEATURE_NAMES[i] === 'missingNameInWindow' ? 1 : FEATURE_NAMES[i] === 'missingRare' ? 1 : v));
    const held = (x: number[]) => x.map((v, i) => (FEATURE_NAMES[i] === 'missingNameInWindow' || FEATURE_NAMES[i] === 'missingRare' ? 0 : v));
    const present = [held(row(1)), held(row(0))];
    const missing = [absent(row(1)), absent(row(0))];
    const confidence = (rows: number[][], question: number[]) => answerConfidence(model, rows.map((x) => unitLogit(model, x)), rows, question);
    expect(confidence(present, [0, 0])).toBeGreaterThan(confidence(missing, [2, 1]));
  });

  it('refuses to load weights fitted on other features', () => {
    const json = structuredClone(model) as { features: string[] };
    json.features = [...json.features.slice(1), 'somethingElse'];
    expect(() => parseAnswerModel(json, 'old.json')).toThrow(/other features.*fit:answerer/);
  });
});
