/**
 * Does a cited chunk say what a generated sentence claims? A sentence is
 * supported when
 * - every value in it — number, date, amount, percentage, and every name of a
 *   person, place or organisation (`findValues`), or other capitalised word —
 *   appears in the cited text, modulo formatting ("1,000" is "1000", "Khan's" is "Khan");
 * - none of its words is the WordNet antonym of a word in the passage it draws on
 *   while the word itself is absent there ("increased" against "decreased");
 * - none of its words is negated where the passage affirms it, or affirmed where the
 *   passage only negates it ("did not sign" against "signed"; negation scope: `wordPolarity`);
 * - enough of its other content words are in one passage of the chunk (up to three
 *   consecutive sentences): as a lemma or stem, a derivation ("arrival"/"arrive") or a
 *   WordNet synonym ("purchase"/"buy"). "Enough" is SUPPORT_THRESHOLD, fitted by
 *   test/fit/fit-verify-threshold.ts.
 * Pure in effect (WordNet is read from disk, cached); evidence is prepared once per chunk.
 * @module
 */
import { findValues } from '../../text/entities.js';
import { lemmas, stem } from '../../text/lemma.js';
import { wordPolarity } from '../../text/negation.js';
import { splitSentences } from '../../text/sentences.js';
import { isStopWord, words } from '../../text/tokenize.js';
import { antonyms, derivations, synonyms } from '../../text/wordnet.js';
import { SUPPORT_THRESHOLD } from './threshold.js';

export interface Evidence {
  text: string;
  /** The document's title: the prompt shows it beside the chunk, so the model may name it. */
  title?: string;
}

/** A chunk read once for any number of claims. */
export interface PreparedEvidence {
  /** Every word form, lemma and stem of the chunk and its title. */
  forms: ReadonlySet<string>;
  /** The numbers written with digits, normalised. */
  numbers: ReadonlySet<string>;
  /** The same, per run of up to PASSAGE_SENTENCES consecutive sentences. */
  passages: readonly ReadonlySet<string>[];
  /** Per passage (same order), the forms of its words said under a negation and of those said without one. */
  polarities: readonly FormPolarity[];
}

interface FormPolarity {
  negated: ReadonlySet<string>;
  affirmed: ReadonlySet<string>;
}

export interface SupportFeatures {
  /** Values (numbers, dates, names) of the sentence that the evidence lacks, as written. */
  missingValues: string[];
  /** [what the claim says, what the passage says] where the passage says the opposite: an antonym, or the word negated one way only. */
  contradictions: [string, string][];
  /** Share of the sentence's other content words its best passage covers (1 when it has none). */
  coverage: number;
}

export interface SupportVerdict extends SupportFeatures {
  supported: boolean;
  /** Why not, in words for the user, when unsupported. */
  reason?: string;
}

/** Consecutive sentences a claim may draw on: a model merges two or three into one. */
const PASSAGE_SENTENCES = 3;

/** English cardinal words, so "two visits" matches "2 visits" (the ones written out by style guides: one to twelve). */
const NUMBER_WORDS: Readonly<Record<string, string>> = Object.fromEntries(
  'one two three four five six seven eight nine ten eleven twelve'.split(' ').map((word, i) => [word, String(i + 1)]),
);

/** Symbols and the words that say them ("$1.7 billion" is "1.7 billion dollars"): the symbols' Unicode names. */
const SYMBOL_WORDS: Readonly<Record<string, string>> = { $: 'dollar', '€': 'euro', '£': 'pound', '¥': 'yen', '%': 'percent' };

export function prepareEvidence({ text, title }: Evidence): PreparedEvidence {
  const sentences = splitSentences(text);
  const passages = runs(sentences.map((s) => formsOf(s.text)));
  const polarities = sentences.map((s) => wordPolarity(s.text));
  const negated = runs(polarities.map((p) => formsOfWords(p.negated)));
  const affirmed = runs(polarities.map((p) => formsOfWords(p.affirmed)));
  return {
    forms: formsOf(`${title ?? ''}\n${text}`),
    numbers: numbersOf(`${title ?? ''}\n${text}`),
    passages,
    polarities: passages.map((_, i) => ({ negated: negated[i]!, affirmed: affirmed[i]! })),
  };
}

export function judgeSupport(claim: string, evidence: readonly PreparedEvidence[], threshold = SUPPORT_THRESHOLD): SupportVerdict {
  const features = supportFeatures(claim, evidence);
  const reason = unsupportedReason(features, threshold);
  return { ...features, supported: reason === undefined, ...(reason !== undefined && { reason }) };
}

export function unsupportedReason({ missingValues, contradictions, coverage }: SupportFeatures, threshold: number): string | undefined {
  if (missingValues.length > 0) return `the cited source does not mention ${missingValues.map((v) => `"${v}"`).join(', ')}`;
  if (contradictions.length > 0) return `the cited source says ${contradictions.map(([said, found]) => `"${found}", not "${said}"`).join('; ')}`;
  if (coverage < threshold) return `the cited source does not say this (${Math.round(coverage * 100)}% of its words are there)`;
  return undefined;
}

export function supportFeatures(claim: string, evidence: readonly PreparedEvidence[]): SupportFeatures {
  const allForms = new Set(evidence.flatMap((e) => [...e.forms]));
  const allNumbers = new Set(evidence.flatMap((e) => [...e.numbers]));
  const values = claimValues(claim);
  const missingValues = values.filter((value) => !valueFound(value, allForms, allNumbers));

  const valueWords = new Set(values.flatMap((v) => words(v)));
  const content = [...new Set(words(claim).map((w) => w.replace(/'s$/, '')))].filter((w) => !isStopWord(w) && !valueWords.has(w) && !/\d/.test(w) && w.length > 1);
  if (content.length === 0) return { missingValues, contradictions: [], coverage: 1 };

  let best: ReadonlySet<string> = new Set();
  let bestCovered = -1;
  /** The polarities of every passage that covers as much as the best one: the claim may draw on any of them. */
  let tied: FormPolarity[] = [];
  for (const e of evidence) {
    e.passages.forEach((passage, i) => {
      const covered = content.filter((w) => covers(passage, w)).length;
      if (covered > bestCovered) [best, bestCovered, tied] = [passage, covered, []];
      if (covered === bestCovered) tied.push(e.polarities[i]!);
    });
  }
  const contradictions: [string, string][] = [];
  for (const word of content) {
    if (inflectionFound(best, word)) continue;
    const opposite = [...antonyms(word)].find((a) => best.has(a));
    if (opposite) contradictions.push([word, opposite]);
  }
  contradictions.push(...negationMismatches(claim, content, tied));
  return { missingValues, contradictions, coverage: bestCovered / content.length };
}

/**
 * Content words the claim negates where the passages it may draw on only affirm them, or
 * affirms where they only negate them. A passage that says the word both ways, or the
 * claim's way, proves nothing against it.
 */
function negationMismatches(claim: string, content: readonly string[], passages: readonly FormPolarity[]): [string, string][] {
  const negated = new Set(wordPolarity(claim).negated);
  const mismatches: [string, string][] = [];
  for (const word of content) {
    const claimNegates = negated.has(word);
    const against = passages.every((passage) => {
      const inNegated = inflectionFound(passage.negated, word);
      const inAffirmed = inflectionFound(passage.affirmed, word);
      return claimNegates ? inAffirmed && !inNegated : inNegated && !inAffirmed;
    });
    if (passages.length > 0 && against) mismatches.push(claimNegates ? [`not ${word}`, word] : [word, `not ${word}`]);
  }
  // The first word names the reversal; the rest of the scope would only repeat it.
  return mismatches.slice(0, 1);
}

/** The word in any inflection, or a derivation or synonym of it. */
function covers(forms: ReadonlySet<string>, word: string): boolean {
  if (inflectionFound(forms, word)) return true;
  for (const related of [derivations(word), synonyms(word)]) for (const w of related) if (forms.has(w)) return true;
  return false;
}

function inflectionFound(forms: ReadonlySet<string>, word: string): boolean {
  if (forms.has(word) || forms.has(stem(word))) return true;
  for (const l of lemmas(word)) if (forms.has(l)) return true;
  return false;
}

/**
 * The claim's values as written: `findValues`' entities and values, and capitalised words
 * that do not open the sentence, which the tagger may not call names ("Chinese", "SCO").
 */
function claimValues(claim: string): string[] {
  const found = findValues(claim)
    .filter((v) => v.kind !== 'time' || /\d/.test(v.text))
    .map((v) => v.text);
  for (const sentence of splitSentences(claim)) {
    (sentence.text.match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu) ?? []).forEach((word, i) => {
      if (i > 0 && /^\p{Lu}/u.test(word) && !isStopWord(word.toLowerCase()) && !found.some((v) => v.includes(word))) found.push(word.replace(/['’]s$/, ''));
    });
  }
  return [...new Set(found)];
}

/**
 * A value is in the evidence when its numbers are (digits, or "two" for 2) and its other
 * words are, in any inflection — "President Putin's" needs "president" and "putin" there.
 */
function valueFound(value: string, forms: ReadonlySet<string>, numbers: ReadonlySet<string>): boolean {
  for (const n of numbersOf(value)) if (!numbers.has(n)) return false;
  return words(value)
    .map((w) => w.replace(/'s$/, ''))
    .filter((w) => !/\d/.test(w) && !isStopWord(w))
    .every((w) => (NUMBER_WORDS[w] !== undefined && numbers.has(NUMBER_WORDS[w]!)) || inflectionFound(forms, w));
}

/** Every word, its lemmas and its stem: what a claim's words are looked up in. */
function formsOf(text: string): Set<string> {
  const forms = formsOfWords(words(text));
  for (const [symbol, word] of Object.entries(SYMBOL_WORDS)) if (text.includes(symbol)) forms.add(word);
  return forms;
}

function formsOfWords(list: readonly string[]): Set<string> {
  const forms = new Set<string>();
  for (const raw of list) {
    const word = raw.replace(/'s$/, '');
    forms.add(word);
    forms.add(stem(word));
    for (const l of lemmas(word)) forms.add(l);
    // "Karachi-Lahore" holds "karachi" and "lahore".
    if (word.includes('-')) for (const part of word.split('-')) if (part) forms.add(part);
    if (NUMBER_WORDS[word]) forms.add(NUMBER_WORDS[word]!);
  }
  return forms;
}

/** Digit groups, normalised: "1,000" → "1000", "$1.7" → "1.7", "1990s" → "1990". */
function numbersOf(text: string): Set<string> {
  const found = new Set<string>();
  for (const m of text.matchAll(/\d[\d,.]*/g)) {
    const n = m[0].replace(/[.,]+$/, '').replace(/,(?=\d{3}(?!\d))/g, '');
    found.add(n);
  }
  for (const w of words(text)) if (NUMBER_WORDS[w]) found.add(NUMBER_WORDS[w]!);
  return found;
}

/** The union of each run of up to PASSAGE_SENTENCES consecutive sentences. */
function runs(sentences: readonly Set<string>[]): Set<string>[] {
  if (sentences.length <= PASSAGE_SENTENCES) return [new Set(sentences.flatMap((s) => [...s]))];
  const result: Set<string>[] = [];
  for (let i = 0; i + PASSAGE_SENTENCES <= sentences.length; i++) result.push(new Set(sentences.slice(i, i + PASSAGE_SENTENCES).flatMap((s) => [...s])));
  return result;
}
