/**
 * The kind of answer a question expects — the "answer type" of classic extractive QA
 * (Li & Roth, "Learning question classifiers", COLING 2002; Moldovan et al., ACL 2000) —
 * read from the question's grammar with wink-nlp's part-of-speech tags and typed with
 * WordNet: the wh-word that opens the question, and for "which/what X" the class WordNet
 * puts X in ("city" → a location, "year" → a time period, "minister" → a person).
 * @module
 */
import { readText, type WinkToken } from './wink.js';
import { lemma } from './lemma.js';
import { focusKind, phraseKind } from './noun-kind.js';
import { isWord } from './wordnet.js';

export type QuestionKind =
  | 'person'
  | 'place'
  | 'organization'
  | 'date'
  | 'number'
  | 'money'
  | 'percent'
  | 'duration'
  | 'ordinal'
  | 'reason'
  /** "What is X?", "What does X mean?": what a thing is. */
  | 'definition'
  /** "How do I…?", "What happens when…?": a manner, a procedure or an event. */
  | 'description'
  /** "Name the…", "What are the X?": several things. */
  | 'list'
  | 'yes-no'
  | 'other';

export interface QuestionAnalysis {
  kind: QuestionKind;
  /** The wh-word the question asks with ("when", "which", "how"), lower case; undefined for yes-no and imperative questions. */
  whWord?: string;
  /** Lemma of the noun naming the answer's class: "which *city*", "how many *tonnes*", "what is the *capital* of". */
  focus?: string;
}

const WH_WORDS = new Set(['who', 'whom', 'whose', 'what', 'which', 'when', 'where', 'why', 'how']);
// Words that may come before the wh-word of a direct question: prepositions ("In which
// year…", "Since when…") and discourse openers ("And who…", "So what…") — checked by tag.
const OPENER_TAGS = new Set(['ADP', 'CCONJ', 'SCONJ', 'INTJ', 'PUNCT', 'ADV']);
// Verbs of an indirect question: "Do you know when…", "Tell me who…", "Can you say where…".
const ASKING_VERBS = new Set(['know', 'tell', 'say', 'remember', 'explain', 'show', 'wonder', 'recall']);
const IMPERATIVE_LIST = new Set(['list', 'name', 'enumerate']);
const IMPERATIVE_DESCRIBE = new Set(['describe', 'explain', 'outline', 'summarize', 'summarise']);
const IMPERATIVE_DEFINE = new Set(['define']);
// "how" + adjective or adverb asks for a measure ("how old", "how far", "how often"): the
// dimension words of English that "how" combines with, not a topical list.
const HOW_DURATION = new Set(['long']);
const NOUNISH = new Set(['NOUN', 'PROPN', 'ADJ', 'NUM']);

/** The expected answer kind of `question`. */
export function questionKind(question: string): QuestionKind {
  return analyseQuestion(question).kind;
}

// The last questions analysed: one request asks for its question's analysis several times.
const recent = new Map<string, QuestionAnalysis>();
const RECENT_MAX = 64;

/** The question's wh-word, answer-class noun and expected answer kind. */
export function analyseQuestion(question: string): QuestionAnalysis {
  let analysis = recent.get(question);
  if (!analysis) {
    analysis = Object.freeze(analyse(question));
    if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value!);
    recent.set(question, analysis);
  }
  return analysis;
}

function analyse(question: string): QuestionAnalysis {
  const tokens = readText(question.replace(/[’‘]/g, "'")).tokens.filter((t) => t.pos !== 'PUNCT' || /[,;:]/.test(t.text));
  const words = tokens.map((t) => t.text.toLowerCase());
  const first = words[0] ?? '';
  if (IMPERATIVE_LIST.has(first)) return { kind: 'list' };
  if (IMPERATIVE_DESCRIBE.has(first)) return { kind: 'description' };
  if (IMPERATIVE_DEFINE.has(first)) return { kind: 'definition' };

  const at = questionWordIndex(tokens);
  // No wh-word: "Is it…?", "Did they…?" (an auxiliary first) ask yes or no.
  if (at < 0) return { kind: tokens[0]?.pos === 'AUX' ? 'yes-no' : 'other' };
  const whWord = words[at]!;
  const rest = tokens.slice(at + 1);
  const next = rest[0];
  switch (whWord) {
    case 'who':
    case 'whom':
    case 'whose':
      return { kind: 'person', whWord };
    case 'where':
      return { kind: 'place', whWord };
    case 'when':
      return { kind: 'date', whWord };
    case 'why':
      return { kind: 'reason', whWord };
    case 'how':
      return howQuestion(rest);
  }
  // "what" / "which": a class noun right after it, or after "is the" ("what is the capital of…").
  const copula = next?.lemma === 'be';
  const afterCopula = copula ? rest.slice(1) : rest;
  const hasDeterminer = afterCopula[0]?.pos === 'DET';
  const phrase = nounPhrase(hasDeterminer ? afterCopula.slice(1) : afterCopula);
  const focus = phrase.head;
  // "What are the three branches…": a counted plural asks for the list of them.
  if (copula && phrase.plural && phrase.counted) return { kind: 'list', whWord, ...(focus ? { focus } : {}) };
  if (focus && (!copula || hasDeterminer)) {
    const kind = phraseKind(phrase.words);
    if (kind) return { kind, whWord, focus };
    // "What are the main causes…" is a reason; "What are the three branches…" a list.
    if (copula && phrase.plural) return { kind: 'list', whWord, focus };
  }
  if (copula) return { kind: 'definition', whWord, ...(focus ? { focus } : {}) };
  if (next?.lemma === 'do' && /\b(mean|stand for)\b/.test(words.slice(at).join(' '))) return { kind: 'definition', whWord };
  if (focus && !copula) return { kind: 'other', whWord, focus };
  return { kind: 'description', whWord };
}

/** Index of the wh-word the question asks with, or -1: the first one, at the start or after openers or an asking verb. */
function questionWordIndex(tokens: readonly WinkToken[]): number {
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i]!.text.toLowerCase();
    if (WH_WORDS.has(word)) return i;
    if (OPENER_TAGS.has(tokens[i]!.pos) && word !== 'when') continue;
    // "Do you know when…", "Can you tell me where…": the wh-word after an asking verb.
    const asking = tokens.slice(i, i + 5).findIndex((t) => ASKING_VERBS.has(t.lemma));
    if (asking >= 0) {
      const after = tokens[i + asking + 1]?.text.toLowerCase() === 'me' ? i + asking + 2 : i + asking + 1;
      return WH_WORDS.has(tokens[after]?.text.toLowerCase() ?? '') ? after : -1;
    }
    return -1;
  }
  return -1;
}

function howQuestion(rest: readonly WinkToken[]): QuestionAnalysis {
  const next = rest[0];
  const word = next?.text.toLowerCase() ?? '';
  if (word === 'many' || word === 'much') {
    const phrase = nounPhrase(rest.slice(1));
    const focus = phrase.head;
    const kind = phraseKind(phrase.words);
    if (kind === 'money' || kind === 'percent') return { kind, whWord: 'how', focus: focus! };
    // "How much did it cost": the verb names money.
    if (word === 'much' && rest.some((t) => MONEY_VERBS.has(t.lemma))) return { kind: 'money', whWord: 'how' };
    return { kind: 'number', whWord: 'how', ...(focus ? { focus } : {}) };
  }
  if (HOW_DURATION.has(word)) {
    // "How long ago…" asks for a date; "how long did it last" for a duration.
    return { kind: rest[1]?.text.toLowerCase() === 'ago' ? 'date' : 'duration', whWord: 'how' };
  }
  if (next && (next.pos === 'ADJ' || next.pos === 'ADV')) return { kind: 'number', whWord: 'how' };
  return { kind: 'description', whWord: 'how' };
}

// Verbs whose object is an amount of money: WordNet's verb.possession "pay"/"cost" family is wider than this.
const MONEY_VERBS = new Set(['cost', 'pay', 'spend', 'charge', 'earn', 'raise', 'fund', 'invest', 'sell', 'buy', 'worth', 'price', 'value']);

/**
 * The noun phrase opening `tokens`: its words and its head, the last of them WordNet knows
 * as a noun (English noun phrases end in their head; the tagger may call a head like
 * "chief" an adjective), as a lemma, and whether it is plural or counted ("three branches").
 */
function nounPhrase(tokens: readonly WinkToken[]): { head?: string; words: string[]; plural: boolean; counted: boolean } {
  const run = [];
  for (const token of tokens) {
    if (!NOUNISH.has(token.pos)) break;
    run.push(token);
  }
  const counted = run.some((token) => token.pos === 'NUM');
  const last = run.findLastIndex((token) => token.pos !== 'NUM' && isWord(token.text, 'noun'));
  if (last < 0) return { words: [], plural: false, counted };
  const head = run[last]!;
  const words = run.slice(0, last + 1).filter((token) => token.pos !== 'NUM').map((token) => token.text.toLowerCase());
  const base = lemma(head.text, 'noun');
  return { head: base, words, plural: base !== head.text.toLowerCase(), counted };
}
