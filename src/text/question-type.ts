/**
 * What kind of thing a question asks for, and how likely a sentence is to hold
 * one: the "answer type" signal of classic extractive QA (Moldovan et al.,
 * "The structure and performance of an open-domain question answering system",
 * ACL 2000): the question's kind comes from ./question.ts (wink-nlp tags and WordNet
 * classes); what a sentence offers is still read by the patterns below until answering
 * reads the values stored at ingest (./entities.ts).
 * @module
 */
import { lemma } from './lemma.js';
import { focusKind, phraseKind, type NounKind } from './noun-kind.js';
import { analyseQuestion, questionKind, type QuestionKind } from './question.js';
import { readText } from './wink.js';
import { isStopWord } from './tokenize.js';

/** The coarse answer kinds sentence scoring works with; `questionKind` (./question.ts) has the finer ones. */
export type AnswerKind = 'number' | 'date' | 'person' | 'place' | 'organisation' | 'reason' | 'definition' | 'other';

const COARSE: Readonly<Record<QuestionKind, AnswerKind>> = {
  person: 'person',
  place: 'place',
  organization: 'organisation',
  date: 'date',
  number: 'number',
  money: 'number',
  percent: 'number',
  duration: 'number',
  ordinal: 'number',
  reason: 'reason',
  definition: 'definition',
  description: 'other',
  list: 'other',
  'yes-no': 'other',
  other: 'other',
};

/** The coarse kind of answer `question` expects. */
export function questionType(question: string): AnswerKind {
  return COARSE[questionKind(question)];
}

const AUXILIARY = /^(is|are|was|were|do|does|did|has|have|had|will|would|can|could|should|may|might|must|shall)$/;

/**
 * The words naming the answer's category, right after the wh-word: "Which Russian Prime
 * Minister made…" → "russian prime minister", "what is the capital of…" → "capital",
 * "how many times…" → "many times". Stops at an auxiliary, so "what did President X say"
 * names no category, and at a function word, so "how long, in miles" gives "long".
 */
export function answerPhrase(question: string): string {
  const q = question.toLowerCase();
  const m = /\b(?:which|what|whose|how)\s+(?:(?:is|are|was|were)\s+the\s+)?((?:[\p{L}-]+[\s,]+){0,2}[\p{L}-]+)/u.exec(q);
  const words = m?.[1]?.split(/[\s,]+/) ?? [];
  const end = words.findIndex((word) => AUXILIARY.test(word) || isStopWord(word));
  return (end < 0 ? words : words.slice(0, end)).join(' ');
}

/** What may stand between "did" and its verb: a subject of names or a pronoun. */
const SUBJECT_WORD = /^(\p{Lu}[\p{L}'’.-]*|he|she|it|they|we|you|i)$/u;

/**
 * The main verb of a question with do-support or a modal whose subject is a name or a
 * pronoun: "Whom did Russia *send*…", "When did he *arrive*…", "Which countries would it *connect*?". Evidence words it differently more often than any
 * other part of a question ("dispatched", "reached"); undefined when there is none.
 */
export function predicateVerb(question: string): string | undefined {
  const words = question.split(/[\s,;:?!]+/).filter(Boolean);
  const aux = words.findIndex((word) => /^(did|does|do|will|would|can|could|should|shall|may|might|must)$/i.test(word));
  if (aux < 0) return undefined;
  // After a common-noun subject ("did the talks fail") the verb's place is unknown: no guess.
  const verb = words.slice(aux + 1).find((word) => !SUBJECT_WORD.test(word));
  return verb && /^\p{Ll}+$/u.test(verb) && !isStopWord(verb) ? verb : undefined;
}

/** A lower-case noun that names a person's role or class ("ambassador", "leader"), by WordNet. */
const isPersonNoun = (word: string): boolean => /^\p{Ll}/u.test(word) && !isStopWord(word) && focusKind(lemma(word, 'noun')) === 'person';

/** What an answer must come with: a number's measure, or the role a person is asked about. */
export interface Measure {
  /** The counted noun of "how many tonnes of wheat…" ("tonnes"): "$790 million" does not count tonnes. */
  counted?: string;
  /** "How much did it cost?" asks for money, not for any number. */
  money?: boolean;
  /** "Who was Russia's *ambassador*…?": the person answering must be named in that role. */
  role?: string;
}

const DIMENSION = /^(long|wide|high|tall|deep|old|far|big|large|heavy|more|fewer|less|exactly|roughly|approximately|about)$/i;
const MONEY_QUESTION = /\bhow much\b.*\b(cost|costs|price|priced|pay|paid|spend|spent|worth|value|valued|budget|fee)\b/i;
const MONEY = /[$€£¥₹]\s?\d|\b\d[\d,.]*\s*(million|billion|trillion)?\s*(dollars?|rupees?|euros?|pounds?|roubles?|rubles?|yuan|usd|pkr)\b|\b(US\s?\$|USD|PKR|Rs\.?)\s?\d/i;

/** What the answer must hold: the noun after "how many", money after "how much … cost", the role after "who was …". */
export function requiredMeasure(question: string): Measure {
  const measure: Measure = {};
  const counted = /\bhow many\s+((?:[\p{L}\d-]+\s+){0,3})/iu.exec(question)?.[1]?.trim().split(/\s+/) ?? [];
  // "How many kilometres *long*", "how many tonnes *of* wheat *did*": the noun ends there.
  const end = counted.findIndex((word) => AUXILIARY.test(word.toLowerCase()) || isStopWord(word.toLowerCase()) || DIMENSION.test(word));
  const head = (end < 0 ? counted : counted.slice(0, end)).at(-1);
  if (head) measure.counted = head;
  if (MONEY_QUESTION.test(question)) measure.money = true;
  if (/^\s*who\s+(is|was|are|were)\b/i.test(question)) {
    // Lower case only: "General Kayani" is a name, "the general" a role.
    const role = question.split(/[^\p{L}-]+/u).slice(1).find(isPersonNoun);
    if (role) measure.role = role;
  }
  return measure;
}

/** True when `sentence` holds what `measure` asks for; `hasWord` says whether the sentence has a word in some inflection. */
export function holdsMeasure(sentence: string, measure: Measure, hasWord: (word: string) => boolean): boolean {
  return (
    (measure.counted === undefined || hasWord(measure.counted)) && (!measure.money || MONEY.test(sentence)) && (measure.role === undefined || hasWord(measure.role))
  );
}

/** Kinds whose class nouns ("year", "leader", "city", "company") the answer instantiates rather than repeats. */
const CLASS_KINDS: ReadonlySet<NounKind> = new Set(['date', 'person', 'place', 'organization']);

/** "How many", "how long", "how far": the answer is a number or a span ("a three-day visit"), not these words. */
const QUANTITY = /^(many|much|long|far|often|old)$/;

/**
 * The answer phrase when it names a class the answer belongs to ("year", "Pakistani leader",
 * "Russian Prime Minister", "many"): the sentence answering gives an instance ("2014",
 * "Ayub Khan", "Mikhail Fradkov"), rarely the class words. Empty when the phrase names an
 * attribute ("population", "cost") or a thing ("power plants"), which the answer repeats.
 */
export function categoryWords(question: string): string[] {
  const words = answerPhrase(question).split(' ').filter(Boolean);
  // "How many times": the quantity word is the class; what it counts the answer repeats.
  if (QUANTITY.test(words[0] ?? '')) return words.slice(0, 1);
  // A class word is a noun where it stands ("domestic" in "gross domestic product" is not).
  const nouns = new Set(readText(question).tokens.filter((t) => t.pos === 'NOUN' || t.pos === 'PROPN').map((t) => t.text.toLowerCase()));
  const head = analyseQuestion(question).focus;
  const isClass = (word: string, i: number): boolean => {
    const kind = (nouns.has(word) || lemma(word, 'noun') === head) && phraseKind(words.slice(0, i + 1));
    return kind !== undefined && kind !== false && CLASS_KINDS.has(kind);
  };
  // Up to the last class word: "pakistani leader visited" → "pakistani leader".
  const last = words.findLastIndex(isClass);
  return words.slice(0, last + 1);
}

const MONTH = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec';
const MONTH_NAMES = 'January|February|March|April|May|June|July|August|September|October|November|December';
// "one" is left out: it is a pronoun ("one of the…") far more often than an answer.
const NUMBER_WORD = 'two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|half|twice';
const TITLE =
  'President|Prime Minister|Minister|Premier|General|Gen\\.?|Col-Gen|Colonel|Marshal|Admiral|Mr\\.?|Mrs\\.?|Ms\\.?|Dr\\.?|Prof\\.?|Sir|King|Queen|Prince|Ambassador|Secretary|Chief|Editor|Senator|Governor|Chairman|Sheikh';
const NAME = '\\p{Lu}[\\p{L}\'’-]+';
const ORG_WORD =
  'Organi[sz]ation|Company|Corporation|Corp\\.?|Ministry|Commission|Council|Bank|Agency|Institute|University|Party|Group|Association|Union|Forum|Committee|Federation|Fund|Authority|Army|Force|Forces|Consortium|Inc\\.?|Ltd\\.?';
const SENTENCE_START_WORDS = new Set(['the', 'a', 'an', 'in', 'on', 'at', 'this', 'that', 'it', 'he', 'she', 'they', 'but', 'and', 'however', 'for', 'as', 'since', 'after', 'before']);

const has = (re: RegExp, sentence: string): boolean => re.test(sentence);

/** How likely (0..1) `sentence` holds an answer of `kind`. `other` is neutral. */
export function expectsAnswerKind(sentence: string, kind: AnswerKind): number {
  switch (kind) {
    case 'number':
      if (has(new RegExp(`[$€£¥]\\s?\\d|\\d\\s?(%|percent|per cent)|\\b\\d[\\d,.]*\\b|\\b(${NUMBER_WORD})\\b`, 'i'), withoutDates(sentence))) return 1;
      return has(/\b\d{4}\b/, sentence) ? 0.4 : 0;
    case 'date':
      if (has(new RegExp(`\\b(${MONTH})\\.?\\s+\\d{1,2}\\b|\\b\\d{1,2}(st|nd|rd|th)?\\s+(of\\s+)?(${MONTH})\\b`, 'i'), sentence)) return 1;
      if (has(/\b(1[5-9]|20)\d{2}s?\b/, sentence)) return 0.9;
      // Month names as written, capitalised: "be that as it may" names no month.
      if (has(new RegExp(`\\b(${MONTH_NAMES})\\b`), sentence) || has(RELATIVE_TIME, sentence)) {
        return 0.7;
      }
      return 0;
    case 'person':
      if (has(new RegExp(`\\b(${TITLE})\\s+(${NAME}\\s+){0,3}${NAME}`, 'u'), sentence)) return 1;
      return hasProperName(sentence) ? 0.6 : has(/\b(he|she|his|her)\b/i, sentence) ? 0.2 : 0;
    case 'place':
      // Case-sensitive on purpose: with the i flag \p{Lu} matches lower case too.
      if (has(new RegExp(`\\b(?:[Ii]n|[Aa]t|[Tt]o|[Ff]rom|[Nn]ear|into|across)\\s+(?:the\\s+)?(?!(?:${MONTH_NAMES})\\b)${NAME}`, 'u'), sentence)) return 1;
      return hasProperName(sentence) ? 0.4 : 0;
    case 'organisation':
      if (has(new RegExp(`${NAME}\\s+(${ORG_WORD})\\b|\\b(${ORG_WORD})\\s+of\\s+${NAME}|\\b\\p{Lu}{2,6}\\b`, 'u'), sentence)) return 1;
      return hasProperName(sentence) ? 0.4 : 0;
    case 'reason':
      return has(/\b(because|due to|owing to|as a result|in order to|so that|so as to|aimed at|reasons?|led to|caused?|since|thanks to|in view of|amid|after|following|given that|in response to)\b/i, sentence) ? 1 : 0.2;
    case 'definition':
      return has(/\b(is|are|was|were) (an?|the|one of)\b|\brefers? to\b|\bmeans\b|\bknown as\b|\bstands? for\b|\(\p{Lu}[\p{Lu}\d-]+\)/u, sentence) ? 1 : 0.3;
    case 'other':
      return 0.5;
  }
}

/** The people `text` names with a title ("General Ashfaq Kayani", "Foreign Minister Sergei Lavrov"), as written. */
export function titledNames(text: string): string[] {
  return [...text.matchAll(new RegExp(`\\b(?:${TITLE})\\s+((?:${NAME}\\s+){0,3}${NAME})`, 'gu'))].map((m) => m[0]);
}

/** Times without a date that still answer "when": weekdays, seasons, "soon", "next year". */
const RELATIVE_TIME =
  /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|soon|shortly|(this|last|next|early|late|later) (week|month|year|spring|summer|autumn|fall|winter|decade)|(in|this|last|next) (spring|summer|autumn|winter))\b/i;

/** Years and days of the month look like numbers but rarely answer "how many"; counted apart. */
const withoutDates = (sentence: string): string =>
  sentence
    .replace(new RegExp(`\\b(${MONTH})\\.?\\s+\\d{1,2}(st|nd|rd|th)?\\b|\\b\\d{1,2}(st|nd|rd|th)?\\s+(of\\s+)?(${MONTH})\\b`, 'gi'), ' ')
    .replace(/\b(1[5-9]|20)\d{2}\b/g, ' ');

/** Two or more capitalised words in a row, not counting a sentence-initial function word. */
function hasProperName(sentence: string): boolean {
  for (const m of sentence.matchAll(new RegExp(`(?:${NAME}\\s+)+${NAME}`, 'gu'))) {
    const first = m[0].split(/\s+/)[0]!.toLowerCase();
    if (m.index !== 0 || !SENTENCE_START_WORDS.has(first) || m[0].split(/\s+/).length > 2) return true;
  }
  return false;
}
