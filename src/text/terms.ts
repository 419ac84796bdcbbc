/**
 * Content terms for sentence scoring and follow-up rewriting: the retrieval
 * tokenizer's terms, made a little more forgiving where a question and the
 * sentence answering it word the same thing differently ("arrive"/"arrived",
 * "say"/"said", "miles"/"680-mile").
 * @module
 */
import { lemma } from './lemma.js';
import { tokenize } from './tokenize.js';

// The light stemmer leaves irregular verbs apart ("said", "took", "rose"): WordNet's verb
// morphology (wink-lemmatizer, through ./lemma.ts) joins them to their base form.
// Remembered per term (a corpus has a few thousand): scoring asks for the same ones per request.
const verbBases = new Map<string, string>();
const VERB_BASES_MAX = 50_000;
function verbBase(term: string): string {
  let base = verbBases.get(term);
  if (base === undefined) {
    base = /^\p{L}+$/u.test(term) ? lemma(term, 'verb') : term;
    if (verbBases.size >= VERB_BASES_MAX) verbBases.clear();
    verbBases.set(term, base);
  }
  return base;
}

// Adverbs that tie a question to its context but never name what it is about
// ("Whom did Russia send *instead*?"), and the future's "going to": evidence need not repeat them.
const FILLER = new Set(['instead', 'also', 'else', 'again', 'too', 'still', 'ever', 'even', 'exactly', 'actually', 'really', 'already', 'yet', 'going']);

// Two terms are one word when they share a prefix of at least MIN_PREFIX letters that
// reaches within PREFIX_SLACK letters of the shorter one's end: "arriv"/"arrive",
// "cancell"/"cancellation", "transmit"/"transmission", "russia"/"russian".
const MIN_PREFIX = 5;
const PREFIX_SLACK = 2;

/**
 * Unique content terms of `text`: tokenizer terms of its words, hyphenated words counted
 * by their parts only ("CASA-1000" → casa, 1000; "summit-level" → summit, level), so that
 * "CASA 1000" and "summit level visit" cover them; irregular verbs and common paraphrases
 * unified; fillers dropped.
 */
export function contentTerms(text: string): string[] {
  const parts = text.replace(/(?<=[\p{L}\p{N}])-(?=[\p{L}\p{N}])/gu, ' ');
  return [...new Set(tokenize(parts).filter((term) => !FILLER.has(term)).map((term) => verbBase(term)))];
}

/** True when two terms are the same word in other inflections or derivations. */
export function sameTerm(a: string, b: string): boolean {
  if (a === b) return true;
  const shorter = Math.min(a.length, b.length);
  if (shorter < MIN_PREFIX || /\d/.test(a) || /\d/.test(b)) return false;
  let common = 0;
  while (common < shorter && a[common] === b[common]) common++;
  return common >= Math.max(MIN_PREFIX, shorter - PREFIX_SLACK);
}

/** True when `terms` (a text's content terms) holds `term` in some inflection. */
export function hasTerm(terms: ReadonlySet<string>, term: string): boolean {
  if (terms.has(term)) return true;
  for (const t of terms) if (sameTerm(t, term)) return true;
  return false;
}

/** Words as written, possessive "'s" dropped: "Putin's" → "Putin"; "CASA-1000" stays whole. */
export function surfaceWords(text: string): string[] {
  return (text.match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu) ?? []).map((word) => word.replace(/['’]s$/i, ''));
}

/**
 * Content terms of the names and numbers in `text`: capitalised words ("Kayani", "France",
 * "CASA-1000") and words with digits ("2012"). A sentence-opening "What" or "The" is a stop
 * word and never counts.
 */
export function nameTerms(text: string): Set<string> {
  const names = new Set<string>();
  for (const word of surfaceWords(text)) if (/^\p{Lu}|\d/u.test(word)) for (const term of contentTerms(word)) names.add(term);
  return names;
}
