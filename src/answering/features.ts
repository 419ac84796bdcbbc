/**
 * The features the answer model scores an answer unit by. Each says one thing a
 * reader checks: does the unit hold the question's words (its names apart from its
 * other words), is it about the question (embedding similarity, but only relative to
 * the other candidates of the same question — raw cosines differ between the corpus
 * model and MiniLM, and the same weights serve both), does it hold a value of the
 * kind asked for, where was it retrieved, does it say anything beyond the question.
 * All are scaled to about 0..1; the weights that combine them are fitted (model/).
 * @module
 */
import { categoryWords, expectsAnswerKind, holdsMeasure, predicateVerb, questionType, requiredMeasure, type AnswerKind, type Measure } from '../text/question-type.js';
import { contentTerms, hasTerm, nameTerms } from '../text/terms.js';
import type { FoundValue, ValueKind } from '../text/entities.js';
import { lemmas } from '../text/lemma.js';
import { codeTokens } from '../text/code-tokens.js';
import { isStopWord, tokenize, words } from '../text/tokenize.js';
import { antonyms, derivations, phrasalSynonyms, synonyms } from '../text/wordnet.js';
import { cachedTerms } from './term-cache.js';

/** The model's inputs, in the order of the fitted weights. */
export const FEATURE_NAMES = [
  'coverage',
  'windowCoverage',
  'nameShare',
  'wordShare',
  'coverageGap',
  'similarityZ',
  'similarityTop',
  'kindFitValue',
  'kindFitEntity',
  'kindFitOther',
  'measureMissing',
  'chunkRank',
  'denseRank',
  'lexicalRank',
  'position',
  'novelty',
  'restatement',
  'orderedPairs',
  'length',
  'extended',
  'focus',
  'coverageTimesKind',
  'negationMismatch',
  'relatedCoverage',
  'antonymMismatch',
  'valueFit',
  'following',
  'missingRare',
  'missingNameInWindow',
  'codeIdentifier',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

// Term weights: a term no retrieved chunk contains weighs 1 + RARITY_BOOST, one they all
// contain 1 (linear in document frequency: over six chunks IDF's log makes one unmatched
// paraphrase outweigh everything else).
const RARITY_BOOST = 2;
/** Words naming the answer's class ("which year", "how many times") need not be in the unit. */
const CATEGORY_WEIGHT = 0.3;
/** Words a follow-up carried over from the turn before place the question but were not asked again. */
const CARRIED_WEIGHT = 0.5;
/** The main verb of a do-support question ("did Russia send") is the word evidence most often paraphrases. */
const PREDICATE_WEIGHT = 0.5;
/** Each half of coverage (names, other words), however little of it is found, keeps this much. */
const COVERAGE_FLOOR = 0.5;
/** Units longer than this many words count as this long. */
const LENGTH_SCALE = 80;

export interface WeightedTerm {
  term: string;
  weight: number;
  /** From a name or number of the question ("France", "Kayani", "2012"). */
  name: boolean;
  /** Names the answer's class ("which *year*"). */
  category: boolean;
  /** No retrieved chunk holds it. */
  absent: boolean;
  /** The question word's lemmas, its WordNet synonyms and derivations, and its antonyms. */
  forms: WordForms;
}

export interface WordForms {
  own: ReadonlySet<string>;
  related: ReadonlySet<string>;
  opposite: ReadonlySet<string>;
}

/** The values that answer each kind of question: a "when" is answered by a date or a time, "how many" by a number… */
const VALUE_KINDS: Partial<Record<AnswerKind, readonly ValueKind[]>> = {
  number: ['number', 'money', 'percent', 'duration', 'ordinal'],
  date: ['date', 'time'],
};

export interface QuestionProfile {
  kind: AnswerKind;
  /** What a numeric answer must measure ("tonnes", money), when the question says. */
  measure: Measure;
  terms: readonly WeightedTerm[];
  termSet: ReadonlySet<string>;
  /** The terms the user asked with, without those carried from an earlier turn. */
  askedTerms: ReadonlySet<string>;
  /** Pairs of content terms next to each other in the question ("prime minister", "gas pipeline"). */
  pairs: readonly (readonly [string, string])[];
  /** The question is negated ("Which city was *not*…?"). */
  negated: boolean;
}

/** English negators (the closed class: not, n't, never, no, none, neither, nor, without). */
const NEGATION = /\b(?:not|never|no|none|neither|nor|without|cannot)\b|n['’]t\b/i;

/** What the features need to know of a unit besides its text. */
export interface UnitContext {
  /** The unit's text: where the answer kind, new words and length are read. */
  text: string;
  /** What must hold the question's words: the unit without a neighbour added only for its answer kind. */
  matchText: string;
  /** Content terms of the unit with its neighbouring sentences and its document's title. */
  windowTerms: ReadonlySet<string>;
  /** Terms the conversation already ties to the unit (the carried subject, in a chunk the previous answer cited). */
  given: ReadonlySet<string>;
  /** Cosine of question and unit; only compared within the question. */
  similarity: number;
  /** 0-based index of the unit's chunk in the retrieved list. */
  chunkIndex: number;
  denseRank: number | null;
  lexicalRank: number | null;
  /** 0-based index of the core sentence in its chunk. */
  position: number;
  /** Every lemma the words of `matchText` may have (stored at ingest: text/analysis.ts). */
  lemmas: ReadonlySet<string>;
  /** Values (dates, numbers, …) in `text`. */
  values: readonly FoundValue[];
  extended: boolean;
  /** The unit is its core grown by the sentence after it (units.ts, 'following'). */
  following: boolean;
  inFocus: boolean;
}

/**
 * The question's content terms, weighted: rarer among the retrieved chunks (`contexts`, their
 * content terms) weighs more — words every chunk shares say little, words no chunk has are
 * exactly what the evidence must contain.
 */
export function profileQuestion(question: string, contexts: readonly ReadonlySet<string>[], carried: ReadonlySet<string> = new Set()): QuestionProfile {
  const names = nameTerms(question);
  const categories = new Set(contentTerms(categoryWords(question).join(' ')));
  const predicate = new Set(contentTerms(predicateVerb(question) ?? ''));
  const forms = wordForms(question);
  const terms = contentTerms(question).map((term) => {
    const df = contexts.filter((context) => hasTerm(context, term)).length;
    const rarity = contexts.length === 0 ? 1 : 1 + RARITY_BOOST * (1 - df / contexts.length);
    const role = categories.has(term) ? CATEGORY_WEIGHT : carried.has(term) ? CARRIED_WEIGHT : predicate.has(term) ? PREDICATE_WEIGHT : 1;
    return {
      term,
      weight: rarity * role,
      name: names.has(term),
      category: categories.has(term),
      absent: contexts.length > 0 && df === 0,
      forms: forms.get(term) ?? { own: new Set<string>(), related: new Set<string>(), opposite: new Set<string>() },
    };
  });
  const sequence = tokenize(question);
  return {
    kind: questionType(question),
    measure: requiredMeasure(question),
    terms,
    termSet: new Set(terms.map((t) => t.term)),
    askedTerms: new Set(terms.filter((t) => !carried.has(t.term)).map((t) => t.term)),
    pairs: sequence.slice(1).map((term, i) => [sequence[i]!, term] as const),
    negated: NEGATION.test(question),
  };
}

/** What the question itself says about whether the retrieved text can answer it, in QUESTION_FEATURE_NAMES order. */
export const QUESTION_FEATURE_NAMES = ['absentNames', 'absentWords'] as const;

/**
 * How many of the question's names, and of its other words (not the answer's class words),
 * no retrieved chunk holds in any inflection: a question made to look answerable by one
 * changed detail ("in 2004" where the text says 2003, "mild" for "severe") asks for
 * something the documents never mention.
 */
export function questionFeatures(profile: QuestionProfile): number[] {
  const absent = profile.terms.filter((t) => t.absent);
  return [absent.filter((t) => t.name).length, absent.filter((t) => !t.name && !t.category).length];
}

/** The feature vectors of one question's units, in FEATURE_NAMES order. */
export function unitFeatures(profile: QuestionProfile, units: readonly UnitContext[]): number[][] {
  const owns = units.map((u) => new Set(cachedTerms(u.matchText)));
  const coverages = units.map((u, i) => coverage(profile.terms, owns[i]!, u.given));
  const bestCoverage = Math.max(0, ...coverages);
  const sims = units.map((u) => u.similarity);
  const mean = sims.reduce((a, b) => a + b, 0) / Math.max(1, sims.length);
  const sd = Math.sqrt(sims.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, sims.length)) || 1;
  const topSimilarity = Math.max(...sims);
  // What a unit lacks is counted among the words asked, not those a follow-up carried over to place the question.
  const asked = profile.terms.filter((t) => profile.askedTerms.has(t.term));
  return units.map((u, i) => {
    const own = owns[i]!;
    const all = new Set(cachedTerms(u.text));
    const cov = coverages[i]!;
    const [nameShare, wordShare] = [true, false].map((isName) => share(profile.terms, isName, own, u.given));
    // A number of the wrong measure ("$790 million" for "how many tonnes") is no answer of the kind asked.
    const measured = holdsMeasure(u.text, profile.measure, (word) => cachedTerms(word).every((t) => hasTerm(all, t)));
    const kindFit = askedKindFit(profile, u.text);
    const novel = [...all].filter((term) => !hasTerm(profile.termSet, term)).length;
    // A question word the unit holds as itself, as given by the conversation, or in a WordNet form.
    const foundInUnit = (t: WeightedTerm): boolean => hasTerm(own, t.term) || u.given.has(t.term) || meets(t.forms.own, u.lemmas) || meets(t.forms.related, u.lemmas);
    const values: Record<FeatureName, number> = {
      coverage: cov,
      windowCoverage: coverage(profile.terms, u.windowTerms, all, u.given),
      nameShare: nameShare!,
      wordShare: wordShare!,
      coverageGap: cov - bestCoverage,
      similarityZ: Math.max(-3, Math.min(3, (u.similarity - mean) / sd)) / 3,
      similarityTop: u.similarity === topSimilarity ? 1 : 0,
      kindFitValue: profile.kind === 'number' || profile.kind === 'date' ? kindFit : 0,
      kindFitEntity: profile.kind === 'person' || profile.kind === 'place' || profile.kind === 'organisation' ? kindFit : 0,
      kindFitOther: profile.kind === 'reason' || profile.kind === 'definition' ? kindFit : 0,
      measureMissing: measured ? 0 : 1,
      chunkRank: 1 / (u.chunkIndex + 1),
      denseRank: u.denseRank === null ? 0 : 1 / u.denseRank,
      lexicalRank: u.lexicalRank === null ? 0 : 1 / u.lexicalRank,
      position: 1 / (u.position + 1),
      novelty: all.size === 0 ? 0 : novel / all.size,
      restatement: novel === 0 ? 1 : 0,
      orderedPairs: pairShare(profile.pairs, tokenize(u.matchText)),
      length: Math.min(u.text.split(' ').length, LENGTH_SCALE) / LENGTH_SCALE,
      extended: u.extended ? 1 : 0,
      focus: u.inFocus ? 1 : 0,
      coverageTimesKind: cov * (profile.kind === 'other' ? 0.5 : kindFit),
      negationMismatch: profile.negated !== NEGATION.test(u.matchText) ? 1 : 0,
      relatedCoverage: coverageBy(profile.terms, foundInUnit),
      antonymMismatch: profile.terms.some((t) => !t.name && meets(t.forms.opposite, u.lemmas) && !meets(t.forms.own, u.lemmas) && !hasTerm(own, t.term)) ? 1 : 0,
      valueFit: valueFit(profile, u.values),
      following: u.following ? 1 : 0,
      missingRare: missingRare(asked, foundInUnit),
      missingNameInWindow: asked.some((t) => t.name && !hasTerm(u.windowTerms, t.term) && !hasTerm(all, t.term) && !u.given.has(t.term)) ? 1 : 0,
      // Technical documentation answers "Which option…?" and "How do I…?" with an identifier the question does not name.
      codeIdentifier: codeTokens(u.text).some((token) => !inQuestion(profile, token)) ? 1 : 0,
    };
    return FEATURE_NAMES.map((name) => values[name]);
  });
}

/**
 * How much of the question `sets` (a unit's terms, or its window's) cover, 0..1. Names and
 * other words are weighed apart and the shares multiplied (each lifted by COVERAGE_FLOOR), so
 * evidence must hold both what the question is about and what it asks: "president of France"
 * is not covered by sentences on France's votes. 0 for a question without content words.
 */
export function coverage(terms: readonly WeightedTerm[], ...sets: ReadonlySet<string>[]): number {
  return coverageBy(terms, (t) => sets.some((set) => hasTerm(set, t.term)));
}

/** `coverage` with the test of whether a term is found given. */
function coverageBy(terms: readonly WeightedTerm[], found: (term: WeightedTerm) => boolean): number {
  const all = terms.reduce((sum, t) => sum + t.weight, 0);
  let product = 1;
  let lowest = 1;
  for (const isName of [true, false]) {
    const total = terms.filter((t) => t.name === isName).reduce((sum, t) => sum + t.weight, 0);
    if (total === 0) continue;
    // A half that carries little of the question's weight (a light verb beside three names) can cost little.
    const floor = Math.max(COVERAGE_FLOOR, 1 - total / all);
    product *= floor + (1 - floor) * shareBy(terms, isName, found);
    lowest *= floor;
  }
  // Rescaled so that nothing found is 0 and everything found is 1.
  return lowest < 1 ? (product - lowest) / (1 - lowest) : 0;
}

/** Weighted share of the question's names (or of its other words) that `sets` hold; 1 when there are none. */
const share = (terms: readonly WeightedTerm[], isName: boolean, ...sets: ReadonlySet<string>[]): number =>
  shareBy(terms, isName, (t) => sets.some((set) => hasTerm(set, t.term)));

function shareBy(terms: readonly WeightedTerm[], isName: boolean, isFound: (term: WeightedTerm) => boolean): number {
  let found = 0;
  let total = 0;
  for (const t of terms) {
    if (t.name !== isName) continue;
    total += t.weight;
    if (isFound(t)) found += t.weight;
  }
  return total === 0 ? 1 : found / total;
}

const meets = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => {
  for (const x of a) if (b.has(x)) return true;
  return false;
};

/**
 * Per content term of the question, the forms of the word it came from that evidence may use
 * instead: its lemmas, its WordNet synonyms and derivations ("arrival" for "arrive",
 * "yearly" for "annually"), the synonyms of the phrasal verbs it makes ("dispatch" for "send",
 * through "send off"), and its antonyms ("fell" for "rose": a near miss). Single words only:
 * the question's side is looked up, the evidence's lemmas were stored at ingest.
 */
function wordForms(question: string): Map<string, WordForms> {
  const forms = new Map<string, { own: Set<string>; related: Set<string>; opposite: Set<string> }>();
  for (const word of words(question)) {
    const bare = word.replace(/'s$/, '');
    if (isStopWord(bare) || /\d/.test(bare)) continue;
    for (const term of contentTerms(bare)) {
      let f = forms.get(term);
      if (!f) forms.set(term, (f = { own: new Set(), related: new Set(), opposite: new Set() }));
      for (const l of lemmas(bare)) f.own.add(l);
      for (const w of [...synonyms(bare), ...derivations(bare), ...phrasalSynonyms(bare)]) if (!w.includes(' ')) f.related.add(w);
      for (const w of antonyms(bare)) if (!w.includes(' ')) f.opposite.add(w);
    }
  }
  return forms;
}

/**
 * The weight of the heaviest question word (not the answer's class word) the unit does not
 * hold in any form, over the heaviest weight a word can have: a near-miss question
 * ("When was it *rejected*?") is answered by a sentence holding everything but its one
 * changed, usually rare, word.
 */
function missingRare(terms: readonly WeightedTerm[], found: (term: WeightedTerm) => boolean): number {
  let heaviest = 0;
  for (const t of terms) if (!t.category && !found(t)) heaviest = Math.max(heaviest, t.weight);
  return heaviest / (1 + RARITY_BOOST);
}

/** 1 when the unit holds a value of a kind that answers the question ("1998" for "when"), not one the question already gives. */
function valueFit(profile: QuestionProfile, values: readonly FoundValue[]): number {
  const kinds = VALUE_KINDS[profile.kind];
  if (!kinds) return 0;
  return values.some((v) => kinds.includes(v.kind) && !inQuestion(profile, v.text)) ? 1 : 0;
}

/** Whether every term of `text` is one of the question's own (asked, or carried from the turn before). */
function inQuestion(profile: QuestionProfile, text: string): boolean {
  const terms = cachedTerms(text);
  return terms.length > 0 && terms.every((t) => hasTerm(profile.termSet, t));
}

/** Share of the question's adjacent term pairs that stand within two terms of each other, in order, in the unit. */
function pairShare(pairs: QuestionProfile['pairs'], sequence: readonly string[]): number {
  if (pairs.length === 0) return 0;
  const positions = new Map<string, number[]>();
  sequence.forEach((term, i) => positions.set(term, [...(positions.get(term) ?? []), i]));
  const near = ([a, b]: readonly [string, string]) => (positions.get(a) ?? []).some((i) => (positions.get(b) ?? []).some((j) => j > i && j - i <= 2));
  return pairs.filter(near).length / pairs.length;
}

/** How well `text` holds the kind of answer asked for (expectsAnswerKind's scale), in its words that are not the question's. */
export const askedKindFit = (profile: QuestionProfile, text: string): number => expectsAnswerKind(withoutQuestionWords(text, profile.termSet), profile.kind);

/**
 * The unit with the question's words blanked — those carried from an earlier turn too: the
 * subject a follow-up carries is not what it asks for — so the answer kind is looked for in
 * what is new: for "Whom did Putin send?", "President Putin" is no answer, "Sergei Lavrov" is.
 */
function withoutQuestionWords(text: string, questionTerms: ReadonlySet<string>): string {
  const asked = (word: string): boolean => {
    const terms = cachedTerms(word);
    return terms.length > 0 && terms.every((t) => hasTerm(questionTerms, t));
  };
  // A run of capitalised words ending in an asked surname is that one name: "Vladimir Putin" is the question's "Putin".
  return text
    .replace(/\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)+/gu, (name) => (asked(name.split(/\s+/).at(-1)!) ? '_' : name))
    .replace(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu, (word) => (asked(word) ? '_' : word));
}

/** Cosine of two normalised vectors: their dot product. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) dot += a[i]! * b[i]!;
  return dot;
}
