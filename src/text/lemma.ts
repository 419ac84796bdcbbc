/**
 * Lemmas and stems of single English words: WordNet's morphology through
 * `wink-lemmatizer` (its exception lists plus detachment rules, so "rose" → "rise",
 * "arrivals" → "arrival") and the Snowball Porter2 stemmer (`wink-porter2-stemmer`).
 * @module
 */
import lemmatizer from 'wink-lemmatizer';
import porter2 from 'wink-porter2-stemmer';
import { words } from './tokenize.js';

export type PartOfSpeech = 'noun' | 'verb' | 'adjective';

const lower = (word: string): string => word.toLowerCase().replace(/[’‘]/g, "'");

/**
 * The lemma of `word` for `pos`; without `pos`, the first of the verb, noun and adjective
 * readings that changes the word ("fell" → "fall", "does" → "do", "arrivals" → "arrival",
 * "better" → "good"), else the word. Lower-cased. Verbs first: they are where a question
 * and its evidence differ most in inflection; a caller that knows the part of speech
 * (from a tagger) should pass it, so the flower "rose" stays "rose".
 */
export function lemma(word: string, pos?: PartOfSpeech): string {
  const w = lower(word);
  if (pos) return lemmatizer[pos](w);
  for (const reading of ['verb', 'noun', 'adjective'] as const) {
    const base = lemmatizer[reading](w);
    if (base !== w) return base;
  }
  return w;
}

/** Every lemma `word` may have, one per part of speech: "rose" → {rose, rise}. */
export function lemmas(word: string): ReadonlySet<string> {
  const w = lower(word);
  return new Set([w, lemmatizer.noun(w), lemmatizer.verb(w), lemmatizer.adjective(w)]);
}

/** Every lemma any word of `text` may have ("prices rose" → prices, price, rose, rise). */
export function lemmasOfText(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of words(text)) for (const l of lemmas(word.replace(/'s$/, ''))) out.add(l);
  return out;
}

/** The Porter2 stem of `word`, lower-cased: "arrival", "arrive" and "arriving" → "arriv". */
export function stem(word: string): string {
  return porter2(lower(word));
}
