/**
 * The extractive answer: the answer units (units.ts) of the retrieved chunks scored
 * by the fitted answer model (model.ts), the best quoted verbatim with the id of the
 * chunk each sentence came from — or a plain "the documents don't say" when the
 * model's confidence that the best one answers is under the threshold. No model
 * generates text here, so every word of a grounded answer is in the documents.
 * @module
 */
import type { RetrievedChunk } from '../retrieval/types.js';
import { expectsAnswerKind } from '../text/question-type.js';
import { contentTerms, hasTerm } from '../text/terms.js';
import { askedKindFit, cosine, profileQuestion, questionFeatures, unitFeatures, type QuestionProfile, type UnitContext } from './features.js';
import { answerConfidence, defaultAnswerModel, holdsAnswer, unitLogit, type AnswerModel } from './model.js';
import { cachedTerms } from './term-cache.js';
import { buildUnits, documentOrder, placeSentences, withNeighbour, type AnswerUnit, type PlacedSentence } from './units.js';

export interface ComposeOptions {
  /** Normalised vectors, same model as the index. */
  embed: (texts: readonly string[]) => Promise<Float32Array[]>;
  /** Confidence under which the answer is "not in the documents"; the model's own threshold when undefined (config `minConfidence`). */
  minConfidence?: number | undefined;
  /** Units quoted at most, 1..3 (config `maxAnswerSentences`). */
  maxSentences: number;
  /** For a follow-up: the chunks the previous answer cited and the words carried from it. */
  focus?: ConversationFocus;
  /** The answer model; the shipped one by default. */
  model?: AnswerModel;
}

export interface ConversationFocus {
  chunkIds: ReadonlySet<string>;
  /** Words of the earlier turn appended to the question (see conversation/rewrite). */
  carried: readonly string[];
  /** The follow-up as the user asked it, without the carried words. */
  asked?: string;
  /** The previous answer's text: what the user has already been told. */
  previousAnswer?: string | undefined;
}

export interface ComposedAnswer {
  answer: string;
  citedIds: string[];
  grounded: boolean;
  /** The model's probability (0..1) that the best unit answers the question. */
  confidence: number;
}

/** A retrieved question's candidate units and their features, as the model sees them. */
export interface Candidates {
  profile: QuestionProfile;
  units: AnswerUnit[];
  features: number[][];
  /** The question's own features (QUESTION_FEATURE_NAMES), for the confidence. */
  question: number[];
}

export const NOT_IN_DOCUMENTS = "The documents don't say. I couldn't find anything about that in the indexed documents.";

/** A further unit is quoted when the model's ranking gives it at least this share of the best one's probability (their softmax ratio)… */
const EXTRA_UNIT_RATIO = 0.8;
/** …and it brings this many content words that neither the question nor the units already quoted have. */
const EXTRA_UNIT_NEW_TERMS = 3;
/** A following sentence shorter than this (a heading, "Example:") adds no fix. */
const MIN_FOLLOWING_WORDS = 4;
/** Question kinds a value or a name answers (the others: "other", "reason", "definition"). */
const KINDED: ReadonlySet<QuestionProfile['kind']> = new Set(['person', 'place', 'organisation', 'date', 'number']);
/** A sentence "holds" the kind of answer asked for from this kind fit on (expectsAnswerKind's scale). */
const HOLDS_KIND = 0.9;

export async function composeExtractive(question: string, retrieved: readonly RetrievedChunk[], o: ComposeOptions): Promise<ComposedAnswer> {
  const model = o.model ?? defaultAnswerModel();
  const candidates = await answerCandidates(question, retrieved, o);
  const { units, features, profile } = candidates;
  if (units.length === 0) return notFound(answerConfidence(model, [], [], candidates.question));
  const logits = features.map((x) => unitLogit(model, x));
  const confidence = answerConfidence(model, logits, features, candidates.question);
  if (!holdsAnswer(confidence, o.minConfidence, model)) return notFound(confidence);

  const ranked = units.map((unit, i) => ({ unit, logit: logits[i]! })).sort((a, b) => b.logit - a.logit);
  const picked = pickUnits(ranked, profile, o.maxSentences);
  return { answer: quote(picked), citedIds: [...new Set(picked.flatMap((u) => u.sentences.map((s) => s.chunkId)))], grounded: true, confidence };
}

/** The units of the retrieved chunks with their feature rows: what the model scores, and what the fit script fits on. */
export async function answerCandidates(question: string, retrieved: readonly RetrievedChunk[], o: Pick<ComposeOptions, 'embed' | 'focus'>): Promise<Candidates> {
  const contexts = retrieved.map((r) => new Set(cachedTerms(r.chunk.text)));
  const carried = new Set(contentTerms(o.focus?.carried.join(' ') ?? ''));
  const profile = profileQuestion(question, contexts, carried);
  const sentences = placeSentences(retrieved);
  const units = withFollowing(withKindNeighbours(buildUnits(sentences), sentences, profile), sentences, profile).filter(
    (unit) => !repeatsWithoutKind(unit, profile, o.focus?.previousAnswer),
  );
  if (units.length === 0) return { profile, units, features: [], question: questionFeatures(profile) };

  // A follow-up is similar to what it asks as much as to the subject it carried over, by their
  // shares of the query's words: the carried subject alone is what the previous answer said,
  // and would pull the same passage back; "How many of them?" alone says almost nothing.
  const asked = o.focus?.asked ?? question;
  const askedShare = asked === question ? 0 : contentTerms(asked).length / Math.max(1, contentTerms(question).length);
  const questions = askedShare > 0 ? [question, asked] : [question];
  const embedded = await o.embed([...questions, ...sentences.map((s) => s.text)]);
  const [questionVector, askedVector = questionVector] = embedded;
  const vectors = embedded.slice(questions.length);
  if (!questionVector || vectors.length !== sentences.length) throw new TypeError('embed must return one vector per text');
  const similarity = new Map(sentences.map((s, i) => [s, (1 - askedShare) * cosine(questionVector, vectors[i]!) + askedShare * cosine(askedVector!, vectors[i]!)]));
  const neighbours = documentOrder(sentences);
  const chunkOf = new Map(retrieved.map((r) => [r.chunk.id, r]));
  const contextsOfUnits: UnitContext[] = units.map((unit) => {
    const first = unit.sentences[0]!;
    const last = unit.sentences.at(-1)!;
    const window = [first.title, neighbours(first).previous?.text ?? '', ...unit.sentences.map((s) => s.text), neighbours(last).following[0]?.text ?? ''];
    const inFocus = unit.sentences.some((s) => o.focus?.chunkIds.has(s.chunkId) ?? false);
    const chunk = chunkOf.get(unit.core.chunkId)!;
    const grown = unit.extension === 'neighbour' || unit.extension === 'following';
    const matched = grown ? [unit.core] : unit.sentences;
    return {
      text: unit.text,
      matchText: grown ? unit.core.text : unit.text,
      windowTerms: new Set(window.flatMap((text) => cachedTerms(text))),
      // The previous answer's chunks are about the subject the follow-up carried over.
      given: inFocus ? carried : new Set<string>(),
      similarity: Math.max(...unit.sentences.map((s) => similarity.get(s)!)),
      chunkIndex: unit.core.chunkIndex,
      denseRank: chunk.denseRank,
      lexicalRank: chunk.lexicalRank,
      position: unit.core.position,
      lemmas: new Set(matched.flatMap((s) => [...s.lemmas])),
      values: unit.sentences.flatMap((s) => s.values),
      extended: unit.extension !== 'none',
      following: unit.extension === 'following',
      inFocus,
    };
  });
  return { profile, units, features: unitFeatures(profile, contextsOfUnits), question: questionFeatures(profile) };
}

/**
 * A follow-up asking for a kind of answer (a number, a name, a date…) is not answered by
 * quoting the previous answer again when that answer lacks the kind: "How long did his visit
 * last?" after an answer naming the visitor wants the sentence giving the duration.
 */
function repeatsWithoutKind(unit: AnswerUnit, profile: QuestionProfile, previousAnswer: string | undefined): boolean {
  if (previousAnswer === undefined || !KINDED.has(profile.kind)) return false;
  return unit.sentences.every((s) => previousAnswer.includes(s.text)) && askedKindFit(profile, unit.text) < HOLDS_KIND;
}

/**
 * Units whose sentence lacks the kind of answer asked for ("Who…?" and no name) also
 * come grown by the neighbour that holds it: "the Norwegian delegate proposed…" and
 * the next sentence, which names her.
 */
function withKindNeighbours(units: readonly AnswerUnit[], sentences: readonly PlacedSentence[], profile: QuestionProfile): AnswerUnit[] {
  if (!KINDED.has(profile.kind)) return [...units];
  const neighbours = documentOrder(sentences);
  const holds = (s: PlacedSentence) => expectsAnswerKind(s.text, profile.kind) >= HOLDS_KIND;
  const grown: AnswerUnit[] = [];
  for (const unit of units) {
    if (unit.extension !== 'none' || holds(unit.core)) continue;
    const { previous, following } = neighbours(unit.core);
    const next = following[0];
    if (next && holds(next)) grown.push(withNeighbour(unit, next));
    else if (previous && holds(previous)) grown.push(withNeighbour(unit, previous));
  }
  return [...units, ...grown];
}

/**
 * For questions no value or name answers ("How do I…?", "What should I configure?"), units
 * also come grown by the sentence after their core: documentation states the problem in the
 * words of the question and gives the fix in the next sentence. The model weighs these
 * (feature `following`) against the core alone.
 */
function withFollowing(units: readonly AnswerUnit[], sentences: readonly PlacedSentence[], profile: QuestionProfile): AnswerUnit[] {
  if (KINDED.has(profile.kind)) return [...units];
  const neighbours = documentOrder(sentences);
  const grown: AnswerUnit[] = [];
  for (const unit of units) {
    if (unit.extension !== 'none') continue;
    const next = neighbours(unit.core).following[0];
    if (next && next.text.split(' ').length >= MIN_FOLLOWING_WORDS) grown.push(withNeighbour(unit, next, 'following'));
  }
  return [...units, ...grown];
}

interface Ranked {
  unit: AnswerUnit;
  logit: number;
}

/**
 * The best unit, then the next ones the model rates nearly as likely that say something new,
 * share no sentence with those picked, and hold every name and number of the question that
 * the best one holds.
 */
function pickUnits(ranked: readonly Ranked[], profile: QuestionProfile, maxUnits: number): AnswerUnit[] {
  const [best, ...rest] = ranked;
  const picked = [best!.unit];
  const known = new Set([...profile.termSet, ...contentTerms(best!.unit.text)]);
  const bestTerms = new Set(contentTerms(best!.unit.text));
  const namesHeld = profile.terms.filter((t) => t.name && hasTerm(bestTerms, t.term)).map((t) => t.term);
  const quoted = new Set(best!.unit.sentences);
  const limit = Math.min(3, Math.max(1, Math.floor(maxUnits)));
  for (const { unit, logit } of rest) {
    if (picked.length >= limit || Math.exp(logit - best!.logit) < EXTRA_UNIT_RATIO) break;
    if (unit.sentences.some((s) => quoted.has(s))) continue;
    const terms = contentTerms(unit.text);
    const own = new Set(terms);
    if (!namesHeld.every((name) => hasTerm(own, name))) continue;
    if (terms.filter((t) => !hasTerm(known, t)).length < EXTRA_UNIT_NEW_TERMS) continue;
    picked.push(unit);
    for (const s of unit.sentences) quoted.add(s);
    for (const t of terms) known.add(t);
  }
  return picked;
}

/**
 * The picked units in reading order (the best unit's document first), each followed by the
 * id of the chunk its sentences came from — or, for a unit spanning two chunks, each run of
 * its sentences by the id of theirs.
 */
function quote(units: readonly AnswerUnit[]): string {
  const docOrder = new Map<string, number>();
  for (const u of units) if (!docOrder.has(u.core.docId)) docOrder.set(u.core.docId, docOrder.size);
  const ordered = [...units].sort((a, b) => docOrder.get(a.core.docId)! - docOrder.get(b.core.docId)! || a.sentences[0]!.start - b.sentences[0]!.start);
  return ordered
    .map((unit) =>
      unit.sentences.map((s, i) => (unit.sentences[i + 1]?.chunkId === s.chunkId ? s.text : `${s.text} [${s.chunkId}]`)).join(' '),
    )
    .join(' ');
}

const notFound = (confidence: number): ComposedAnswer => ({ answer: NOT_IN_DOCUMENTS, citedIds: [], grounded: false, confidence });
