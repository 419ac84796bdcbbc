/**
 * Fitting the answer model, pure: from questions whose candidate units carry feature
 * rows and right/wrong labels, the unit logistic regression; on the same questions the
 * calibration of the best unit's score into a probability that the answer is right;
 * on held-apart validation questions the refusal threshold that reaches a stated
 * precision. Deterministic: the same questions give the same model.
 * @module
 */
import { fitBoostedTrees, type BoostedModel, type BoostedTree } from './boosted.js';
import { FEATURE_NAMES } from './features.js';
import { fitConditionalLogit, type LogisticModel } from './logistic.js';
import { answerConfidence, confidenceInputs, unitLogit, type AnswerModel } from './model.js';

export interface LabelledQuestion {
  id: string;
  /** The article (document) it was asked about: the split is by group. */
  group: string;
  answerable: boolean;
  /** One row per candidate unit, FEATURE_NAMES order. */
  features: number[][];
  /** 1 when the unit holds an expected answer and cites the chunk holding the evidence. */
  labels: number[];
  /** The question's own features (QUESTION_FEATURE_NAMES). */
  question: number[];
  /** How much this question counts in the fit (1 by default). */
  weight?: number;
}

export interface FitSettings {
  /** The groups (articles) fitted on and kept for validation, recorded in the model. */
  split: AnswerModel['split'];
  /** L2 penalty of the unit model (per row). */
  l2: number;
  /** Share of answered validation questions that must be right at the chosen threshold. */
  precision: number;
}

export interface ValidationReport {
  questions: number;
  answerable: number;
  unanswerable: number;
  /** Answerable questions whose best unit is right (whatever the confidence). */
  bestUnitRight: number;
  /** Answerable questions answered right at the threshold (the eval's "answered with evidence"). */
  answeredRight: number;
  /** Unanswerable questions refused at the threshold. */
  refused: number;
  /** Share of answered questions that were right. */
  precision: number;
  threshold: number;
}

const ITERATIONS = 30;
/**
 * The confidence's trees, chosen on the validation articles (depth 2–4 and 100–400 trees
 * tried: depth 3 and 300 trees of rate 0.05 separated right answers from wrong best; a leaf
 * holds at least the weight of four small-set questions, so no leaf is one question of theirs).
 */
const CONFIDENCE_TREES = { trees: 300, depth: 3, rate: 0.05, minLeafWeight: 60 };

export function fitAnswerModel(fit: readonly LabelledQuestion[], validation: readonly LabelledQuestion[], settings: FitSettings): { model: AnswerModel; report: ValidationReport } {
  // Units are ranked against the other units of their question (a conditional logit): on the
  // validation articles this picks the right unit more often than a fit of every unit alone.
  const unit = fitConditionalLogit(fit.map((q) => ({ rows: q.features, labels: q.labels, weight: q.weight ?? 1 })), { l2: settings.l2, iterations: ITERATIONS });
  const draft: AnswerModel = { version: 2, features: [...FEATURE_NAMES], unit, confidence: { base: 0, rate: 1, trees: [] }, threshold: 0.5, split: settings.split };

  const outcome = (model: AnswerModel, q: LabelledQuestion) => {
    const logits = q.features.map((x) => unitLogit(model, x));
    const best = logits.indexOf(Math.max(...logits));
    return { inputs: confidenceInputs(logits, q.features, q.question), right: best >= 0 && q.labels[best] === 1, logits };
  };
  const fitOutcomes = fit.map((q) => outcome(draft, q));
  const confidence = fitBoostedTrees(
    fitOutcomes.map((o) => o.inputs),
    fitOutcomes.map((o) => (o.right ? 1 : 0)),
    { ...CONFIDENCE_TREES, rowWeights: fit.map((q) => q.weight ?? 1) },
  );
  const calibrated: AnswerModel = { ...draft, confidence };
  const scored = validation.map((q) => {
    const o = outcome(calibrated, q);
    return { q, right: o.right, confidence: answerConfidence(calibrated, o.logits, q.features, q.question) };
  });
  const threshold = chooseThreshold(scored, settings.precision);
  const model = round({ ...calibrated, threshold });
  return { model, report: validate(model, validation) };
}

/** How the model does on `questions` at its threshold. */
export function validate(model: AnswerModel, questions: readonly LabelledQuestion[]): ValidationReport {
  let bestUnitRight = 0, answeredRight = 0, answeredWrong = 0, refused = 0;
  for (const q of questions) {
    const logits = q.features.map((x) => unitLogit(model, x));
    const best = logits.indexOf(Math.max(...logits));
    const right = best >= 0 && q.labels[best] === 1;
    const answered = logits.length > 0 && answerConfidence(model, logits, q.features, q.question) >= model.threshold;
    if (right) bestUnitRight += 1;
    if (answered && right) answeredRight += 1;
    else if (answered) answeredWrong += 1;
    else if (!q.answerable) refused += 1;
  }
  const answerable = questions.filter((q) => q.answerable).length;
  return {
    questions: questions.length,
    answerable,
    unanswerable: questions.length - answerable,
    bestUnitRight,
    answeredRight,
    refused,
    precision: answeredRight / Math.max(1, answeredRight + answeredWrong),
    threshold: model.threshold,
  };
}

/** The lowest confidence at which the answers given are right at least `precision` of the time. */
function chooseThreshold(scored: readonly { right: boolean; confidence: number }[], precision: number): number {
  const sorted = [...scored].sort((a, b) => b.confidence - a.confidence);
  let right = 0;
  let threshold = 1;
  sorted.forEach((s, i) => {
    if (s.right) right += 1;
    const next = sorted[i + 1];
    // Only between distinct confidences: a threshold cannot split equal ones.
    if (right / (i + 1) >= precision && (!next || next.confidence < s.confidence)) threshold = s.confidence;
  });
  return threshold;
}

/** Weights rounded to 6 significant digits: a small, stable JSON file. */
function round(model: AnswerModel): AnswerModel {
  const r = (x: number) => Number(x.toPrecision(6));
  const logistic = (m: LogisticModel): LogisticModel => ({ means: m.means.map(r), scales: m.scales.map(r), weights: m.weights.map(r), bias: r(m.bias) });
  const tree = (t: BoostedTree): BoostedTree => (typeof t === 'number' ? r(t) : { input: t.input, threshold: t.threshold, left: tree(t.left), right: tree(t.right) });
  const boosted = (m: BoostedModel): BoostedModel => ({ base: r(m.base), rate: m.rate, trees: m.trees.map(tree) });
  return { ...model, unit: logistic(model.unit), confidence: boosted(model.confidence), threshold: r(model.threshold) };
}
