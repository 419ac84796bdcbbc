/**
 * Does a cited chunk say what a generated sentence claims? A sentence is
 * supported when every number, date and name in it appears in the cited text
 * (modulo formatting: "1,000" is "1000"), none of its words is the opposite of
 * a word there, and enough of its other content words are in one passage of it
 * (up to three consecutive sentences), counting inflections and synonyms.
 * Pure: no model, no I/O; fast enough to run on every streamed sentence.
 * @module
 */
import { splitSentences } from '../../text/sentences.js';
import { contentTerms, hasTerm, surfaceWords } from '../../text/terms.js';
import { isStopWord } from '../../text/tokenize.js';
import { SUPPORT_THRESHOLD } from './threshold.js';

export interface Evidence {
  text: string;
  /** The document's title: the prompt shows it beside the chunk, so the model may name it. */
  title?: string;
}

export interface SupportFeatures {
  /** Numbers and dates of the sentence missing from the evidence, as written. */
  missingNumbers: string[];
  /** Names of the sentence missing from the evidence, as written. */
  missingNames: string[];
  /** Share of the sentence's other content terms found in its best passage (1 when it has none). */
  coverage: number;
}

export interface SupportVerdict extends SupportFeatures {
  supported: boolean;
  /** Why not, in words for the user, when unsupported. */
  reason?: string;
}

/** Consecutive sentences a claim may draw on: a model merges two or three into one. */
const PASSAGE_SENTENCES = 3;

export function judgeSupport(claim: string, evidence: readonly Evidence[], threshold = SUPPORT_THRESHOLD): SupportVerdict {
  const features = supportFeatures(claim, evidence);
  const reason = unsupportedReason(features, threshold);
  return { ...features, supported: reason === undefined, ...(reason !== undefined && { reason }) };
}

export function unsupportedReason({ missingNumbers, missingNames, coverage }: SupportFeatures, threshold: number): string | undefined {
  if (missingNumbers.length > 0) return `the cited source does not mention ${quoteList(missingNumbers)}`;
  if (missingNames.length > 0) return `the cited source does not mention ${quoteList(missingNames)}`;
  if (coverage < threshold) return `the cited source does not say this (${Math.round(coverage * 100)}% of its words are there)`;
  return undefined;
}

export function supportFeatures(claim: string, evidence: readonly Evidence[]): SupportFeatures {
  const whole = evidence.map((e) => [e.title ?? '', e.text].join('\n')).join('\n');
  const evidenceNumbers = new Set(numbers(whole).map(normaliseNumber));
  const evidenceTerms = new Set(contentTerms(whole));

  const claimNumbers = numbers(claim);
  const missingNumbers = claimNumbers.filter((n) => !evidenceNumbers.has(normaliseNumber(n)));
  const claimNames = names(claim);
  const missingNames = claimNames.filter((name) => !contentTerms(name).every((t) => hasTerm(evidenceTerms, t)));

  const valueTerms = new Set([...claimNames, ...claimNumbers].flatMap((v) => contentTerms(v)));
  const terms = contentTerms(claim).filter((t) => !valueTerms.has(t) && !/\d/.test(t));
  const coverage = terms.length === 0 ? 1 : Math.max(0, ...evidence.flatMap((e) => passages(e.text)).map((passage) => covered(terms, passage) / terms.length));
  return { missingNumbers, missingNames, coverage };
}

function covered(terms: readonly string[], passage: ReadonlySet<string>): number {
  return terms.filter((t) => hasTerm(passage, t)).length;
}

/** The content terms of every run of up to PASSAGE_SENTENCES consecutive sentences. */
function passages(text: string): Set<string>[] {
  const sentences = splitSentences(text).map((s) => contentTerms(s.text));
  if (sentences.length <= PASSAGE_SENTENCES) return [new Set(sentences.flat())];
  const runs: Set<string>[] = [];
  for (let i = 0; i + PASSAGE_SENTENCES <= sentences.length; i++) runs.push(new Set(sentences.slice(i, i + PASSAGE_SENTENCES).flat()));
  return runs;
}

/** Words with digits, as written ("2019", "1,000", "3.5", "CASA-1000"'s "1000"). */
function numbers(text: string): string[] {
  return text.match(/\d[\d,.]*\d|\d/g) ?? [];
}

/** "1,000" and "1000" are one number; a trailing full stop is punctuation. */
const normaliseNumber = (n: string): string => n.replace(/,(?=\d{3}\b)/g, '').replace(/\.$/, '');

/** Capitalised words that do not open the sentence: names ("Lavrov", "Islamabad", "Chinese"). */
function names(text: string): string[] {
  const found: string[] = [];
  for (const sentence of splitSentences(text)) {
    surfaceWords(sentence.text).forEach((word, i) => {
      if (i > 0 && /^\p{Lu}/u.test(word) && !/\d/.test(word) && !isStopWord(word.toLowerCase())) found.push(word);
    });
  }
  return [...new Set(found)];
}

const quoteList = (items: readonly string[]): string => items.map((item) => `"${item}"`).join(', ');
