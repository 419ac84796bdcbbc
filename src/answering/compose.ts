/**
 * The extractive answer: the retrieved chunks' best sentences, quoted verbatim
 * with the id of the chunk each came from — or a plain "the documents don't
 * say" when no sentence is good enough evidence. No model generates text here,
 * so every word of a grounded answer is in the documents.
 * @module
 */
import { splitSentences, type Span } from '../text/sentences.js';
import type { RetrievedChunk } from '../retrieval/types.js';
import { profileQuestion, scoreSentence, type QuestionProfile, type SentenceScore } from './sentence-score.js';
import { contentTerms, hasTerm, nameTerms } from '../text/terms.js';

export interface ComposeOptions {
  /** Normalised vectors, same model as the index. */
  embed: (texts: readonly string[]) => Promise<Float32Array[]>;
  /** Best-sentence score below which the answer is "not in the documents". @default 0.2 (config `minEvidence`) */
  minEvidence: number;
  /** Sentences quoted at most, 1..3. @default 2 (config `maxAnswerSentences`) */
  maxSentences: number;
  /** For a follow-up: the chunks the previous answer cited and the words carried from it. */
  focus?: ConversationFocus;
}

export interface ConversationFocus {
  chunkIds: ReadonlySet<string>;
  /** Words of the earlier turn appended to the question (see conversation/rewrite). */
  carried: readonly string[];
}

export interface ComposedAnswer {
  answer: string;
  citedIds: string[];
  grounded: boolean;
  /** Score of the best sentence (0..1). */
  evidence: number;
}

export const NOT_IN_DOCUMENTS = "The documents don't say. I couldn't find anything about that in the indexed documents.";

/**
 * A second or third sentence must score at least this share of the best one, and hold at
 * least this share of its grounding (a similar sentence lacking the question's "1965" is
 * no second answer): quote only strong evidence.
 */
const EXTRA_SENTENCE_RATIO = 0.8;
/** …and bring this many content words that neither the question nor the sentences already quoted have. */
const EXTRA_SENTENCE_NEW_TERMS = 3;
/** Words by which a sentence refers back to someone the one before named ("it" is too often no one: "be that as it may"). */
const PRONOUN = /\b(he|she|him|his|her|they|them|their)\b/i;
/** Headings and fragments ("General Kayani's visit") rarely answer anything. */
const MIN_SENTENCE_WORDS = 4;

interface Sentence {
  text: string;
  /** Content terms of the sentence with the ones before and after it in its chunk, and of its document's title. */
  windowTerms: Set<string>;
  /** Names of the sentence before, when this one refers back to them with a pronoun ("He was scheduled…"). */
  antecedents: Set<string>;
  chunkId: string;
  /** Index of the chunk in the retrieved list (0 = best). */
  chunkIndex: number;
  docId: string;
  /** Offset in the document, for quoting in reading order. */
  offset: number;
}

type Scored = Sentence & SentenceScore;

export async function composeExtractive(question: string, retrieved: readonly RetrievedChunk[], o: ComposeOptions): Promise<ComposedAnswer> {
  const sentences = collectSentences(retrieved);
  if (sentences.length === 0) return notFound(0);
  const [questionVector, ...vectors] = await o.embed([question, ...sentences.map((s) => s.text)]);
  if (!questionVector || vectors.length !== sentences.length) throw new TypeError('embed must return one vector per text');

  const contexts = retrieved.map((r) => new Set(contentTerms(r.chunk.text)));
  const carried = new Set(contentTerms(o.focus?.carried.join(' ') ?? ''));
  const profile = profileQuestion(question, questionVector, contexts, carried);
  // The previous answer's chunks are about the subject the follow-up carried over.
  const inFocus = (chunkId: string) => o.focus?.chunkIds.has(chunkId) ?? false;
  const scored: Scored[] = sentences.map((s, i) => {
    const given = inFocus(s.chunkId) ? new Set([...s.antecedents, ...carried]) : s.antecedents.size > 0 ? s.antecedents : undefined;
    return {
      ...s,
      ...scoreSentence(profile, { text: s.text, vector: vectors[i]!, contextTerms: s.windowTerms, rank: s.chunkIndex + 1, ...(given && { given }) }),
    };
  });
  // Stable sort: equal scores keep retrieval order.
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0]!;
  if (best.score < o.minEvidence) return notFound(best.score);

  // Reading order within a document; the document holding the best sentence first.
  const picked = pickSentences(scored, profile, o);
  const docOrder = new Map<string, number>();
  for (const s of picked) if (!docOrder.has(s.docId)) docOrder.set(s.docId, docOrder.size);
  picked.sort((a, b) => docOrder.get(a.docId)! - docOrder.get(b.docId)! || a.offset - b.offset);
  return {
    answer: picked.map((s) => `${s.text} [${s.chunkId}]`).join(' '),
    citedIds: [...new Set(picked.map((s) => s.chunkId))],
    grounded: true,
    evidence: best.score,
  };
}

/**
 * Sentences of all chunks in retrieval order, whitespace collapsed. A sentence that
 * overlapping chunks share is kept once, from the higher-ranked chunk.
 */
function collectSentences(retrieved: readonly RetrievedChunk[]): Sentence[] {
  const seen = new Set<string>();
  const sentences: Sentence[] = [];
  retrieved.forEach(({ chunk, title }, chunkIndex) => {
    const spans = quotableSentences(chunk.text);
    spans.forEach((span, i) => {
      const text = span.text.replace(/\s+/g, ' ');
      const key = text.toLowerCase();
      if (text.split(' ').length < MIN_SENTENCE_WORDS || FOOTNOTE_TEXT.test(text) || seen.has(key)) return;
      seen.add(key);
      // The document's title is context too: a sentence in "Pak-Russia relations" is about Russia.
      const window = [title, ...spans.slice(Math.max(0, i - 1), i + 2).map((s) => s.text)].join(' ');
      const antecedents = PRONOUN.test(text) && i > 0 ? nameTerms(spans[i - 1]!.text) : new Set<string>();
      sentences.push({ text, windowTerms: new Set(contentTerms(window)), antecedents, chunkId: chunk.id, chunkIndex, docId: chunk.docId, offset: chunk.start + span.start });
    });
  });
  return sentences;
}

// A footnote mark after the full stop ("…since May 2011.¹⁶ In this regard…") hides the
// boundary from splitSentences, which wants whitespace right after the punctuation.
const FOOTNOTE_BOUNDARY = /(?<=[.!?]["'”’)\]]*[\u00b9\u00b2\u00b3\u2070-\u2079]+)\s+(?=["“\p{Lu}\d])/gu;

/** A line opening with a footnote number is a reference ("⁴ Dr Raja Muhammad Khan, …"), not a statement. */
const FOOTNOTE_TEXT = /^[\u00b9\u00b2\u00b3\u2070-\u2079]/;

/** `splitSentences`, also cutting after footnote marks. */
function quotableSentences(text: string): Span[] {
  return splitSentences(text).flatMap((span) => {
    const pieces: Span[] = [];
    let start = 0;
    for (const m of span.text.matchAll(FOOTNOTE_BOUNDARY)) {
      pieces.push({ text: span.text.slice(start, m.index), start: span.start + start, end: span.start + m.index });
      start = m.index + m[0].length;
    }
    pieces.push({ text: span.text.slice(start), start: span.start + start, end: span.end });
    return pieces;
  });
}

/**
 * The best sentence, then the next ones that are nearly as good, say something new, and
 * hold every name and number of the question that the best one holds (a sentence on
 * Pakistani leaders without the question's "1965" is no second answer).
 */
function pickSentences(scored: readonly Scored[], profile: QuestionProfile, o: ComposeOptions): Scored[] {
  const [best, ...rest] = scored;
  const picked = [best!];
  const known = new Set([...profile.termSet, ...contentTerms(best!.text)]);
  const bestTerms = new Set(contentTerms(best!.text));
  const namesHeld = profile.terms.filter((t) => t.name && hasTerm(bestTerms, t.term)).map((t) => t.term);
  const limit = Math.min(3, Math.max(1, Math.floor(o.maxSentences)));
  for (const s of rest) {
    if (picked.length >= limit || s.score < Math.max(o.minEvidence, best!.score * EXTRA_SENTENCE_RATIO)) break;
    if (s.grounding < best!.grounding * EXTRA_SENTENCE_RATIO) continue;
    const terms = contentTerms(s.text);
    const own = new Set(terms);
    if (!namesHeld.every((name) => hasTerm(own, name) || s.antecedents.has(name))) continue;
    if (terms.filter((t) => !hasTerm(known, t)).length < EXTRA_SENTENCE_NEW_TERMS) continue;
    picked.push(s);
    for (const t of terms) known.add(t);
  }
  return picked;
}

const notFound = (evidence: number): ComposedAnswer => ({ answer: NOT_IN_DOCUMENTS, citedIds: [], grounded: false, evidence });
