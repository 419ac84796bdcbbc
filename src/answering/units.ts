/**
 * Answer units: what an extractive answer quotes. A sentence of a retrieved chunk,
 * together with what it needs to stand alone — the sentence before it when it opens
 * by referring back ("She was succeeded by…", "The pipeline, linking…"), the list after
 * it when it ends in a colon. Sentences are placed in their document, so a unit may
 * span two overlapping chunks and cite both.
 * @module
 */
import { analyseText } from '../text/analysis.js';
import type { FoundValue } from '../text/entities.js';
import { contentTerms } from '../text/terms.js';
import type { RetrievedChunk } from '../retrieval/types.js';

/** One sentence of the retrieved text, placed in its document. */
export interface PlacedSentence {
  /** Verbatim, whitespace collapsed. */
  text: string;
  docId: string;
  title: string;
  /** Offsets in the document's text. */
  start: number;
  end: number;
  /** The retrieved chunk it is quoted from: the best-ranked one holding it. */
  chunkId: string;
  /** Index of that chunk in the retrieved list (0 = best). */
  chunkIndex: number;
  /** Index of the sentence within that chunk (0 = first). */
  position: number;
  /** Every lemma its words may have, and the values and names in it (offsets in the document): from the chunk's stored analysis. */
  lemmas: ReadonlySet<string>;
  values: readonly FoundValue[];
}

export interface AnswerUnit {
  /** The sentence the unit is built around. */
  core: PlacedSentence;
  /** The unit's sentences in reading order (the core among them). */
  sentences: readonly PlacedSentence[];
  /**
   * How the unit reaches beyond its core: the sentence it refers back to, its colon list, the
   * neighbour holding the asked-for kind, or the sentence after it (the fix after a problem).
   */
  extension: 'none' | 'antecedent' | 'list' | 'neighbour' | 'following';
  /** The sentences joined, verbatim. */
  text: string;
}

/** Headings and fragments ("General Kayani's visit") rarely answer anything on their own. */
const MIN_SENTENCE_WORDS = 4;
/** A list introduced by a colon is quoted up to this many sentences or items… */
const MAX_LIST_SENTENCES = 4;
/** …and this many words. */
const MAX_LIST_WORDS = 90;

/**
 * Openings that refer back to something the sentence before named: personal and
 * demonstrative pronouns (the closed class of English pronouns, as in any grammar).
 * "It" counts only as a subject ("It was built…"), not in "it may be".
 */
const REFERRING_OPENING = /^(?:["“(]?)(he|she|they|it|his|her|their|its|him|them|this|these|those|that|such|both|the latter|the former)\b/i;
/** A definite description opening the sentence: "The pipeline, …", "The treasurer …". */
const DEFINITE_OPENING = /^(?:the|this|these|that|those|such)\s+((?:[\p{L}-]+\s+){0,2}[\p{L}-]+)/iu;

/**
 * Every sentence of the retrieved chunks, once, placed in its document; in retrieval order.
 * A sentence two chunks share (their overlap, or a passage a document repeats) is kept
 * from the better-ranked chunk.
 */
export function placeSentences(retrieved: readonly RetrievedChunk[]): PlacedSentence[] {
  const seen = new Set<string>();
  const placed: PlacedSentence[] = [];
  // A chunk handed over without its stored analysis (built by hand, not read from an index) is analysed here.
  retrieved.forEach(({ chunk, title, analysis = analyseText(chunk.text) }, chunkIndex) => {
    analysis.sentences.forEach((sentence, position) => {
      const start = chunk.start + sentence.start;
      const text = chunk.text.slice(sentence.start, sentence.end).replace(/\s+/g, ' ');
      const keys = [`${chunk.docId}\u0000${start}`, text.toLowerCase()];
      if (keys.some((key) => seen.has(key))) return;
      for (const key of keys) seen.add(key);
      const values = sentence.values.map((v) => ({ kind: v.kind, text: chunk.text.slice(v.start, v.end), start: chunk.start + v.start, end: chunk.start + v.end }));
      placed.push({ text, docId: chunk.docId, title, start, end: chunk.start + sentence.end, chunkId: chunk.id, chunkIndex, position, lemmas: new Set(sentence.lemmas), values });
    });
  });
  return placed;
}

/**
 * The units of the retrieved text: one per sentence long enough to say something, each
 * carrying its antecedent sentence or its colon list when it needs one.
 */
export function buildUnits(sentences: readonly PlacedSentence[]): AnswerUnit[] {
  const neighbours = documentOrder(sentences);
  const units: AnswerUnit[] = [];
  const seen = new Set<string>();
  for (const core of sentences) {
    if (core.text.split(' ').length < MIN_SENTENCE_WORDS && !core.text.endsWith(':')) continue;
    const { previous, following } = neighbours(core);
    let unit: AnswerUnit = single(core);
    if (core.text.trimEnd().endsWith(':') && following.length > 0) unit = withList(core, following);
    else if (previous && refersBack(core.text, previous.text)) unit = joined([previous, core], core, 'antecedent');
    const key = unit.text.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    units.push(unit);
  }
  return units;
}

/** The unit grown by one neighbour in reading order (by default for the one that holds the kind of answer asked for). */
export function withNeighbour(unit: AnswerUnit, neighbour: PlacedSentence, extension: 'neighbour' | 'following' = 'neighbour'): AnswerUnit {
  const sentences = [...unit.sentences, neighbour].sort((a, b) => a.start - b.start);
  return joined(sentences, unit.core, extension);
}

/** For each sentence, the one right before it in its document and those right after, when retrieved. */
export function documentOrder(sentences: readonly PlacedSentence[]): (s: PlacedSentence) => { previous?: PlacedSentence; following: PlacedSentence[] } {
  const byDoc = new Map<string, PlacedSentence[]>();
  for (const s of sentences) byDoc.set(s.docId, [...(byDoc.get(s.docId) ?? []), s]);
  for (const list of byDoc.values()) list.sort((a, b) => a.start - b.start);
  return (s) => {
    const list = byDoc.get(s.docId)!;
    const i = list.indexOf(s);
    // Contiguous only: a gap means the sentence between was in a chunk not retrieved.
    const previous = i > 0 && contiguous(list[i - 1]!, s) ? list[i - 1] : undefined;
    const following: PlacedSentence[] = [];
    for (let j = i + 1; j < list.length && contiguous(following.at(-1) ?? s, list[j]!); j++) following.push(list[j]!);
    return { ...(previous && { previous }), following };
  };
}

/** True when `text` opens by pointing back at something `before` names. */
export function refersBack(text: string, before: string): boolean {
  if (REFERRING_OPENING.test(text)) return true;
  const described = DEFINITE_OPENING.exec(text)?.[1];
  if (!described) return false;
  const earlier = new Set(contentTerms(before));
  return contentTerms(described).some((term) => earlier.has(term));
}

function withList(core: PlacedSentence, following: readonly PlacedSentence[]): AnswerUnit {
  const list: PlacedSentence[] = [];
  let words = 0;
  for (const s of following) {
    words += s.text.split(' ').length;
    if (list.length >= MAX_LIST_SENTENCES || (list.length > 0 && words > MAX_LIST_WORDS)) break;
    list.push(s);
  }
  return joined([core, ...list], core, 'list');
}

const single = (core: PlacedSentence): AnswerUnit => ({ core, sentences: [core], extension: 'none', text: core.text });

function joined(sentences: readonly PlacedSentence[], core: PlacedSentence, extension: AnswerUnit['extension']): AnswerUnit {
  return { core, sentences, extension, text: sentences.map((s) => s.text).join(' ') };
}

/** Two sentences follow each other in the document when only whitespace lies between them. */
const contiguous = (a: PlacedSentence, b: PlacedSentence): boolean => b.start >= a.end && b.start - a.end <= 4;
