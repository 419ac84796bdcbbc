/**
 * The lexical tokenizer shared by BM25 and sentence scoring: lower-cased,
 * accent-free word tokens with English stop words removed and a light suffix
 * stemmer, so "pipelines", "pipeline's" and "pipeline" meet.
 * @module
 */

// A short list on purpose: BM25's IDF already discounts common words; this only
// drops words that never carry the answer's subject.
const STOP_WORDS = new Set(
  (
    'a an and are as at be been being but by can could did do does doing for from had has have having he her hers him his how i if in into is it its ' +
    'me my of on or our ours she should so than that the their theirs them then there these they this those to too us was we were what when where ' +
    'which while who whom whose why will with would you your yours about after again also any because before both each few more most other over ' +
    'same some such through under until up very just only own not no nor ' +
    'during between among against within without upon onto across along around behind beyond despite toward towards via per ' +
    'apart besides regarding concerning roughly approximately'
  ).split(' '),
);

/** Removes a common English inflection: good enough to join plural/verb forms, never applied to short words. */
export function stem(word: string): string {
  if (word.length <= 4 || /\d/.test(word)) return word;
  if (word.endsWith("'s")) return word.slice(0, -2);
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(ss|x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  for (const suffix of ['ing', 'ed', 's']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) return word.slice(0, -suffix.length);
  }
  return word;
}

/** Folds case and accents and unifies apostrophes, e.g. "Pakistan’s" → "pakistan's". */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[\u2018\u2019\u02bc]/g, "'").toLowerCase();
}

/** Word tokens, in order, before stop-word removal and stemming. */
export function words(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+(?:['.,-][\p{L}\p{N}]+)*/gu) ?? [];
}

/** Index terms for BM25 and overlap scoring. Numbers keep their punctuation ("12.4", "2-3"). */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  for (const word of words(text)) {
    const bare = word.replace(/'s$/, '');
    if (STOP_WORDS.has(bare)) continue;
    // "leader-ship" and "Pak-Russia" also match "leadership" / "russia".
    if (bare.includes('-') && !/\d/.test(bare)) {
      for (const part of bare.split('-')) if (part && !STOP_WORDS.has(part)) terms.push(stem(part));
      terms.push(stem(bare.replaceAll('-', '')));
    }
    terms.push(stem(bare));
  }
  return terms;
}

export const isStopWord = (word: string): boolean => STOP_WORDS.has(word);
