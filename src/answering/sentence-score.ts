/**
 * How well one sentence answers a question:
 *
 *   score = relevance × kindFactor × gate(grounding) × (novel ? 1 : RESTATEMENT_FACTOR)
 *   relevance = 0.45·similarity + 0.45·overlap + 0.1/chunkRank
 *
 * Relevance says the sentence is about the question; the answer kind says it holds
 * the kind of thing asked for (a date for "when"); grounding says the evidence — the
 * sentence and its neighbours — holds the question's specific vocabulary. Grounding
 * is what lets Quire say "the documents don't say": retrieval always returns
 * something, and a sentence on Russia's trade is similar to a question on Russia's
 * GDP, but "gross domestic product" is nowhere in it.
 *
 * The constants were set by hand and checked, with the corpus embedding model, on the
 * dev set (shared/eval/dev-qa.jsonl) plus 48 held-out paraphrased and unanswerable probes
 * over the default corpus: best sentences of answerable questions scored 0.23–0.98 and
 * all but one unanswerable question under 0.19, hence minEvidence 0.2.
 * @module
 */
import { categoryWords, expectsAnswerKind, holdsMeasure, predicateVerb, questionType, requiredMeasure, type AnswerKind, type Measure } from '../text/question-type.js';
import { contentTerms, hasTerm, nameTerms } from '../text/terms.js';

// Relevance: weights sum to 1, so a perfect sentence scores 1. Meaning and wording count
// equally; the chunk's retrieval rank only breaks near-ties.
const W_SIMILARITY = 0.45;
const W_OVERLAP = 0.45;
const W_RANK = 0.1;

// How much a sentence that shows no answer of the expected kind loses. A "when" question
// answered by a sentence without a date is almost never right; names and places are
// recognised less reliably (lower-case titles, pronouns), reasons and definitions least.
const KIND_STRICTNESS: Readonly<Record<AnswerKind, number>> = {
  number: 0.75,
  date: 0.85,
  person: 0.4,
  place: 0.4,
  organisation: 0.3,
  reason: 0.3,
  definition: 0.2,
  other: 0,
};

/** A sentence without the measure asked for ("how many tonnes", "how much did it cost") almost never answers. */
const MEASURE_STRICTNESS = 0.85;

// Grounding ramp: with coverage (see `coverage`) under FLOOR the sentence cannot answer
// (score 0); from FULL on it is not penalised. A question whose names are all found but
// whose other words are all missing ("president of the United States" answered by a
// sentence naming only the United States) covers 1/3, so it lands low on the ramp.
const GATE_FLOOR = 0.25;
const GATE_FULL = 0.7;
/** Share of grounding measured on the sentence alone; the rest on it with its neighbours. */
const SENTENCE_SHARE = 0.5;

// Term weights. A term no retrieved chunk contains weighs 1 + RARITY_BOOST, one they all
// contain 1: linear in document frequency rather than IDF's log, which over five chunks
// makes one unmatched paraphrase ("send" for "dispatched") outweigh everything else.
const RARITY_BOOST = 2;
/**
 * Coverage counts a question's names and its other words as two halves (see `coverage`);
 * each half, however little of it is found, keeps this much, so that one paraphrased word
 * ("reach" for "arrived") costs less than a missing subject.
 */
const COVERAGE_FLOOR = 0.5;
/** Words naming the answer's class ("which year", "how many times") need not be in the sentence. */
const CATEGORY_WEIGHT = 0.3;
/**
 * Weight of the words a follow-up carried over from the turn before ("Kayani" appended to
 * "When did he arrive?"): they place the question, but the user did not ask about them
 * again, so evidence lacking one is less wrong than evidence lacking the user's own words.
 */
const CARRIED_WEIGHT = 0.5;
/** Weight of the main verb of a do-support question ("did Russia send"), the word evidence most often paraphrases. */
const PREDICATE_WEIGHT = 0.5;
/** A sentence made only of the question's own words restates it rather than answers it. */
const RESTATEMENT_FACTOR = 0.3;

export interface WeightedTerm {
  term: string;
  weight: number;
  /** From a name or number of the question ("France", "Kayani", "2012"). */
  name: boolean;
}

export interface QuestionProfile {
  kind: AnswerKind;
  /** What a numeric answer must measure ("tonnes", money), when the question says. */
  measure: Measure;
  terms: readonly WeightedTerm[];
  termSet: ReadonlySet<string>;
  /** The terms the user asked with, without those carried from an earlier turn. */
  askedTerms: ReadonlySet<string>;
  vector: Float32Array;
}

export interface SentenceCandidate {
  text: string;
  /** Normalised embedding of `text`. */
  vector: Float32Array;
  /** Content terms of the sentence with its neighbours (the sentences before and after it in its chunk). */
  contextTerms: ReadonlySet<string>;
  /** 1-based rank of that chunk in the retrieved list. */
  rank: number;
  /**
   * Terms the conversation already ties to this sentence: the carried terms, when its chunk
   * is one the previous answer cited. They count as found, not as what the sentence says.
   */
  given?: ReadonlySet<string>;
}

export interface SentenceScore {
  score: number;
  similarity: number;
  /** Weighted share of the question's terms in the sentence. */
  overlap: number;
  /** Weighted share of the question's terms in the sentence and in it with its neighbours, mixed (0..1). */
  grounding: number;
  kindFit: number;
  /** The sentence has a content word the question lacks. */
  novel: boolean;
}

/**
 * The question's content terms, weighted: rarer among the retrieved chunks (`contexts`, their
 * content terms) weighs more: words every chunk shares ("Russia") say little, words no
 * chunk has ("France") are exactly what the evidence must contain.
 */
export function profileQuestion(
  question: string,
  vector: Float32Array,
  contexts: readonly ReadonlySet<string>[],
  carried: ReadonlySet<string> = new Set(),
): QuestionProfile {
  const names = nameTerms(question);
  const categories = new Set(contentTerms(categoryWords(question).join(' ')));
  const predicate = new Set(contentTerms(predicateVerb(question) ?? ''));
  const terms = contentTerms(question).map((term) => {
    const df = contexts.filter((context) => hasTerm(context, term)).length;
    const rarity = contexts.length === 0 ? 1 : 1 + RARITY_BOOST * (1 - df / contexts.length);
    const role = categories.has(term) ? CATEGORY_WEIGHT : carried.has(term) ? CARRIED_WEIGHT : predicate.has(term) ? PREDICATE_WEIGHT : 1;
    return { term, weight: rarity * role, name: names.has(term) };
  });
  return {
    kind: questionType(question),
    measure: requiredMeasure(question),
    terms,
    termSet: new Set(terms.map((t) => t.term)),
    askedTerms: new Set(terms.filter((t) => !carried.has(t.term)).map((t) => t.term)),
    vector,
  };
}

export function scoreSentence(profile: QuestionProfile, candidate: SentenceCandidate): SentenceScore {
  const own = new Set(contentTerms(candidate.text));
  const given = candidate.given ?? new Set<string>();
  const similarity = Math.max(0, cosine(profile.vector, candidate.vector));
  const overlap = coverage(profile.terms, own, given);
  const support = coverage(profile.terms, candidate.contextTerms, own, given);
  const grounding = SENTENCE_SHARE * overlap + (1 - SENTENCE_SHARE) * support;
  // A number of the wrong measure ("$790 million" for "how many tonnes") is no answer of the kind asked.
  const measured = holdsMeasure(candidate.text, profile.measure, (word) => contentTerms(word).every((t) => hasTerm(own, t)));
  const kindFit = measured ? expectsAnswerKind(withoutQuestionWords(candidate.text, profile.askedTerms), profile.kind) : 0;
  const rankBonus = 1 / Math.max(1, candidate.rank);

  const relevance = W_SIMILARITY * similarity + W_OVERLAP * overlap + W_RANK * rankBonus;
  const kindFactor = 1 - (measured ? KIND_STRICTNESS[profile.kind] : MEASURE_STRICTNESS) * (1 - kindFit);
  const gate = clamp((grounding - GATE_FLOOR) / (GATE_FULL - GATE_FLOOR));
  const novel = [...own].some((term) => !hasTerm(profile.termSet, term));
  const score = relevance * kindFactor * gate * (novel ? 1 : RESTATEMENT_FACTOR);
  return { score, similarity, overlap, grounding, kindFit, novel };
}

/**
 * The sentence with the words the user asked with blanked (not those carried from an earlier
 * turn: "October" carried from "…in October 2012?" is half of the answer "October 4" to "On
 * what day did he arrive?"), so the answer kind is looked for in what is new: for "Whom did Putin send?", "President Putin" is no answer, "Sergei Lavrov" is.
 */
function withoutQuestionWords(sentence: string, questionTerms: ReadonlySet<string>): string {
  const asked = (word: string): boolean => {
    const terms = contentTerms(word);
    return terms.length > 0 && terms.every((t) => hasTerm(questionTerms, t));
  };
  // A run of capitalised words ending in an asked surname is that one name: "Vladimir Putin" is the
  // question's "Putin", not a new person (while "Prime Minister Mikhail Fradkov" stays new).
  return sentence
    .replace(/\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)+/gu, (name) => (asked(name.split(/\s+/).at(-1)!) ? '_' : name))
    .replace(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu, (word) => (asked(word) ? '_' : word));
}

/**
 * How much of the question `sets` (a sentence's terms, or its window's) cover, 0..1. Names
 * and other words are weighed apart and the shares multiplied (each lifted by COVERAGE_FLOOR),
 * so evidence must hold both what the question is about and what it asks: "president of
 * France" is not covered by sentences on France's votes, nor "president of the United States"
 * by sentences naming the United States. 0 for a question without content words.
 */
export function coverage(terms: readonly WeightedTerm[], ...sets: ReadonlySet<string>[]): number {
  const all = terms.reduce((sum, t) => sum + t.weight, 0);
  let product = 1;
  let lowest = 1;
  for (const isName of [true, false]) {
    let found = 0;
    let total = 0;
    for (const { term, weight, name } of terms) {
      if (name !== isName) continue;
      total += weight;
      if (sets.some((set) => hasTerm(set, term))) found += weight;
    }
    if (total === 0) continue;
    // A half that carries little of the question's weight (a light verb beside three names) can cost little.
    const floor = Math.max(COVERAGE_FLOOR, 1 - total / all);
    product *= floor + (1 - floor) * (found / total);
    lowest *= floor;
  }
  // Rescaled so that nothing found is 0 and everything found is 1.
  return lowest < 1 ? (product - lowest) / (1 - lowest) : 0;
}

/** Cosine of two normalised vectors: their dot product. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) dot += a[i]! * b[i]!;
  return dot;
}

const clamp = (x: number): number => Math.min(1, Math.max(0, x));
