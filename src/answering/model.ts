/**
 * The fitted answer model (weights in model/answerer.json, how they were made in
 * model/README.md): a logistic regression scoring each answer unit from its features,
 * and gradient-boosted trees turning the best unit's score, its lead over the runner-up
 * and its and the question's features into the probability that the answer is right —
 * the `confidence` below which Quire says the documents don't say. Trees, because those
 * inputs interact: a high score means little when the question names what no passage holds.
 * @module
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { boostedLogit, type BoostedTree } from './boosted.js';
import { FEATURE_NAMES, QUESTION_FEATURE_NAMES } from './features.js';
import { logit, sigmoid, type LogisticModel } from './logistic.js';

const logisticSchema = z.object({
  means: z.array(z.number()),
  scales: z.array(z.number().positive()),
  weights: z.array(z.number()),
  bias: z.number(),
});

const treeSchema: z.ZodType<BoostedTree> = z.lazy(() =>
  z.union([z.number(), z.object({ input: z.number().int().nonnegative(), threshold: z.number(), left: treeSchema, right: treeSchema })]),
);

const boostedSchema = z.object({ base: z.number(), rate: z.number().positive(), trees: z.array(treeSchema) });

const modelSchema = z.object({
  version: z.literal(2),
  features: z.array(z.string()),
  /** P(unit is the answer | its features). */
  unit: logisticSchema,
  /** P(the best unit is right | its logit, its lead over the second, the question's and its features). */
  confidence: boostedSchema,
  /** Confidence below which the answer is refused, chosen on the validation articles (see the model card). */
  threshold: z.number().min(0).max(1),
  /** Which SQuAD articles it was fitted on and which were kept for validation only. */
  split: z.object({ fit: z.array(z.string()), validation: z.array(z.string()) }),
});

export type AnswerModel = z.infer<typeof modelSchema>;

/** Confidence inputs begin with the best unit's logit and its lead over the runner-up (capped: one unit alone leads by this). */
const MAX_LEAD = 8;

/** Validates a model: its features must be exactly the ones features.ts computes, in order. */
export function parseAnswerModel(json: unknown, source: string): AnswerModel {
  const parsed = modelSchema.safeParse(json);
  if (!parsed.success) throw new TypeError(`${source} is not an answer model: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  const model = parsed.data;
  if (model.features.join() !== FEATURE_NAMES.join()) {
    throw new TypeError(`${source} was fitted on other features (${model.features.join(', ')}); refit it with npm run fit:answerer`);
  }
  const confidenceSize = 2 + QUESTION_FEATURE_NAMES.length + FEATURE_NAMES.length;
  const sizes = [model.unit.means, model.unit.scales, model.unit.weights].map((a) => a.length);
  if (sizes.some((size) => size !== FEATURE_NAMES.length) || model.confidence.trees.some((tree) => !inputsBelow(tree, confidenceSize))) {
    throw new TypeError(`${source} has weights of the wrong size`);
  }
  return model;
}

let shipped: AnswerModel | undefined;

/** The model that ships in the repository (read once). */
export function defaultAnswerModel(): AnswerModel {
  const file = new URL('./model/answerer.json', import.meta.url);
  shipped ??= parseAnswerModel(JSON.parse(readFileSync(file, 'utf8')), file.pathname);
  return shipped;
}

/**
 * Whether a confidence says the documents hold an answer: at least `minConfidence`
 * (QUIRE_MIN_CONFIDENCE) or, when that is not set, the model's own threshold. The one
 * refusal rule, for quoted and generated answers alike.
 */
export const holdsAnswer = (confidence: number, minConfidence: number | undefined, model: AnswerModel = defaultAnswerModel()): boolean =>
  confidence >= (minConfidence ?? model.threshold);

/** The unit model's logit for one feature row. */
export const unitLogit = (model: AnswerModel, features: readonly number[]): number => logit(model.unit, features);

/**
 * Probability that the answer built on the best unit is right, from the units' logits and
 * feature rows (same order) and the question's features.
 */
export function answerConfidence(model: AnswerModel, logits: readonly number[], features: readonly (readonly number[])[], question: readonly number[]): number {
  // No unit: nothing that could be right, whatever the calibration would extrapolate.
  if (logits.length === 0) return 0;
  return sigmoid(boostedLogit(model.confidence, confidenceInputs(logits, features, question)));
}

const inputsBelow = (tree: BoostedTree, size: number): boolean => typeof tree === 'number' || (tree.input < size && inputsBelow(tree.left, size) && inputsBelow(tree.right, size));

/** The calibration's inputs: the best logit, its lead over the second, the question's features, the best unit's features. */
export function confidenceInputs(logits: readonly number[], features: readonly (readonly number[])[], question: readonly number[]): number[] {
  if (logits.length === 0) return [-MAX_LEAD, 0, ...question, ...FEATURE_NAMES.map(() => 0)];
  const best = logits.indexOf(Math.max(...logits));
  const sorted = [...logits].sort((a, b) => b - a);
  return [sorted[0]!, Math.min(MAX_LEAD, sorted.length > 1 ? sorted[0]! - sorted[1]! : MAX_LEAD), ...question, ...features[best]!];
}

export type { LogisticModel };
