/**
 * Chunk analyses (src/text/analysis.ts) as ingest holds them until they are written:
 * the columns of analysis.bin, built one analysis at a time, each lemma string kept
 * once. At 100,000 chunks the same analyses as objects take some 560 MB of heap on
 * the analysis thread and as much again once posted to the main thread; as columns
 * they are about a tenth of that, and are moved between threads, not copied.
 * @module
 */
import type { ValueKind } from '../text/entities.js';
import type { TextAnalysis } from '../text/analysis.js';

/** Every chunk's sentences, lemmas and values, in label order; `runs` arrays hold offsets [0, n0, n0 + n1, …]. */
export interface AnalysisColumns {
  chunkSentences: Uint32Array;
  sentenceStart: Uint32Array;
  sentenceEnd: Uint32Array;
  sentenceLemmas: Uint32Array;
  lemmaIds: Uint32Array;
  /** The lemma strings by id. */
  lemmas: string[];
  sentenceValues: Uint32Array;
  valueKind: Uint8Array;
  valueStart: Uint32Array;
  valueEnd: Uint32Array;
}

// Value kinds by number on disk: append only, never reorder (a stored index names them by position).
export const VALUE_KINDS: readonly ValueKind[] = ['person', 'place', 'organization', 'date', 'time', 'number', 'money', 'percent', 'duration', 'ordinal'];

export interface AnalysisColumnsBuilder {
  add(analysis: TextAnalysis): void;
  /** The columns of everything added, trimmed to size. */
  finish(): AnalysisColumns;
}

/** A typed array that doubles when full. */
function growing<T extends Uint32Array | Uint8Array>(make: (length: number) => T) {
  let array = make(1024);
  let length = 0;
  return {
    push(value: number) {
      if (length === array.length) {
        const bigger = make(array.length * 2);
        bigger.set(array);
        array = bigger;
      }
      array[length++] = value;
    },
    get length() {
      return length;
    },
    done: (): T => array.slice(0, length) as T,
  };
}

const u32 = () => growing((n) => new Uint32Array(n));

export function analysisColumnsBuilder(): AnalysisColumnsBuilder {
  const ids = new Map<string, number>();
  const c = { chunkSentences: u32(), sentenceStart: u32(), sentenceEnd: u32(), sentenceLemmas: u32(), lemmaIds: u32(), sentenceValues: u32(), valueStart: u32(), valueEnd: u32() };
  const valueKind = growing((n) => new Uint8Array(n));
  for (const runs of [c.chunkSentences, c.sentenceLemmas, c.sentenceValues]) runs.push(0);
  return {
    add({ sentences }) {
      for (const sentence of sentences) {
        c.sentenceStart.push(sentence.start);
        c.sentenceEnd.push(sentence.end);
        for (const lemma of sentence.lemmas) {
          let id = ids.get(lemma);
          if (id === undefined) ids.set(lemma, (id = ids.size));
          c.lemmaIds.push(id);
        }
        c.sentenceLemmas.push(c.lemmaIds.length);
        for (const value of sentence.values) {
          const kind = VALUE_KINDS.indexOf(value.kind);
          if (kind < 0) throw new Error(`value kind ${value.kind} has no number in analysis.bin; append it to VALUE_KINDS`);
          valueKind.push(kind);
          c.valueStart.push(value.start);
          c.valueEnd.push(value.end);
        }
        c.sentenceValues.push(c.valueStart.length);
      }
      c.chunkSentences.push(c.sentenceStart.length);
    },
    finish: () => ({
      chunkSentences: c.chunkSentences.done(),
      sentenceStart: c.sentenceStart.done(),
      sentenceEnd: c.sentenceEnd.done(),
      sentenceLemmas: c.sentenceLemmas.done(),
      lemmaIds: c.lemmaIds.done(),
      lemmas: [...ids.keys()],
      sentenceValues: c.sentenceValues.done(),
      valueKind: valueKind.done(),
      valueStart: c.valueStart.done(),
      valueEnd: c.valueEnd.done(),
    }),
  };
}

/** The columns of `analyses`, in their order. */
export function analysisColumns(analyses: Iterable<TextAnalysis>): AnalysisColumns {
  const builder = analysisColumnsBuilder();
  for (const analysis of analyses) builder.add(analysis);
  return builder.finish();
}

/** How many chunks `columns` analyse. */
export const chunkCount = (columns: AnalysisColumns): number => columns.chunkSentences.length - 1;

/** The analysis of chunk `label`, as it was added. */
export function analysisAt(columns: AnalysisColumns, label: number): TextAnalysis {
  const sentences = [];
  for (let s = columns.chunkSentences[label]!; s < columns.chunkSentences[label + 1]!; s++) {
    const lemmas = [];
    for (let l = columns.sentenceLemmas[s]!; l < columns.sentenceLemmas[s + 1]!; l++) lemmas.push(columns.lemmas[columns.lemmaIds[l]!]!);
    const values = [];
    for (let v = columns.sentenceValues[s]!; v < columns.sentenceValues[s + 1]!; v++) {
      values.push({ kind: VALUE_KINDS[columns.valueKind[v]!]!, start: columns.valueStart[v]!, end: columns.valueEnd[v]! });
    }
    sentences.push({ start: columns.sentenceStart[s]!, end: columns.sentenceEnd[s]!, lemmas, values });
  }
  return { sentences };
}

/** The columns' buffers, to move them to another thread instead of copying. */
export const columnBuffers = (columns: AnalysisColumns): ArrayBuffer[] =>
  Object.values(columns).flatMap((column) => (ArrayBuffer.isView(column) ? [column.buffer as ArrayBuffer] : []));
