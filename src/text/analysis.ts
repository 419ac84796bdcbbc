/**
 * The analysis of a passage that answering needs and that does not depend on the question:
 * its sentences, the entities and values in each, and the lemmas of each sentence's words.
 * Computed once per chunk at ingest (it costs milliseconds a sentence) and stored with the
 * index; `/ask` then analyses only the question.
 * @module
 */
import { findNames, valuesOf, type ValueKind } from './entities.js';
import { splitSentences } from './sentences.js';
import { readText } from './wink.js';

/** A value inside a sentence; offsets are into the analysed text, like the sentence's. */
export interface AnalysedValue {
  kind: ValueKind;
  start: number;
  end: number;
}

export interface AnalysedSentence {
  /** Offsets into the analysed text (UTF-16 code units): `text.slice(start, end)` is the sentence. */
  start: number;
  end: number;
  /** Lemmas of the sentence's words in order, lower case, punctuation left out ("prices rose" → price, rise). */
  lemmas: string[];
  values: AnalysedValue[];
}

export interface TextAnalysis {
  sentences: AnalysedSentence[];
}

/** Sentences, values and lemmas of `text`, from one wink-nlp reading. */
export function analyseText(text: string): TextAnalysis {
  const reading = readText(text);
  const values = [...valuesOf(text, reading), ...findNames(text, reading)].sort((a, b) => a.start - b.start || b.end - a.end);
  const sentences = splitSentences(text).map(({ start, end }) => ({
    start,
    end,
    lemmas: reading.tokens.filter((t) => t.start >= start && t.end <= end && /[\p{L}\p{N}]/u.test(t.text)).map((t) => t.lemma),
    values: values.filter((v) => v.start >= start && v.end <= end).map(({ kind, start: from, end: to }) => ({ kind, start: from, end: to })),
  }));
  return { sentences };
}
