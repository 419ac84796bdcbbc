/**
 * The analysis of a passage that answering needs and that does not depend on the question:
 * its sentences, the entities and values in each, and the lemmas of each sentence's words.
 * Computed once per chunk at ingest (it costs milliseconds a sentence) and stored with the
 * index; `/ask` then analyses only the question.
 * @module
 */
import { findNames, valuesOf, type ValueKind } from './entities.js';
import { lemmasOfText } from './lemma.js';
import { quotableSentences } from './sentences.js';
import { readText } from './wink.js';

/** A value inside a sentence; offsets are into the analysed text, like the sentence's. */
export interface AnalysedValue {
  kind: ValueKind;
  start: number;
  end: number;
}

export interface AnalysedSentence {
  /** Offsets into the analysed text (UTF-16 code units): `text.slice(start, end)` is the sentence, as an answer quotes it. */
  start: number;
  end: number;
  /** Every lemma any word of the sentence may have, each once, lower case ("prices rose" → prices, price, rose, rise). */
  lemmas: string[];
  values: AnalysedValue[];
}

export interface TextAnalysis {
  sentences: AnalysedSentence[];
}

/** The quotable sentences of `text` with their lemmas, and the values and names in each from one wink-nlp reading. */
export function analyseText(text: string): TextAnalysis {
  const reading = readText(text);
  const values = [...valuesOf(text, reading), ...findNames(text, reading)].sort((a, b) => a.start - b.start || b.end - a.end);
  const sentences = quotableSentences(text).map(({ start, end, text: sentence }) => ({
    start,
    end,
    lemmas: [...lemmasOfText(sentence)],
    values: values.filter((v) => v.start >= start && v.end <= end).map(({ kind, start: from, end: to }) => ({ kind, start: from, end: to })),
  }));
  return { sentences };
}
