/**
 * The stored text analysis of every chunk (sentences, values, lemmas: src/text/analysis.ts),
 * written at ingest and read when an index opens. Callers see `AnalysisSource`; the
 * on-disk and in-memory form is `analysis.bin`, columns of numbers by sentence with
 * every lemma once in a string table, decoded one chunk at a time when asked for.
 * The per-token and per-value columns (at 100,000 chunks some 95 MB, of which a
 * question reads a few chunks' worth) stay in the file and are read a chunk at a
 * time (section-reads.ts); the per-sentence offsets and the lemma strings are in
 * memory, shared with the compute workers.
 * @module
 */
import path from 'node:path';
import { QuireError } from '../errors.js';
import { packStrings, stringAt, type StringTable } from '../retrieval/string-table.js';
import type { AnalysedSentence, TextAnalysis } from '../text/analysis.js';
import { isOffsetTable, readBinaryFile, writeBinaryFile, type FileSection } from './binary-file.js';
import { chunkCount, VALUE_KINDS, type AnalysisColumns } from './analysis-columns.js';
import { ANALYSIS_FILE } from './layout.js';
import { openSections, readBytes, readUint32s } from '../io/section-reads.js';

/** What answering reads: the analysis of a chunk of the loaded index. */
export interface AnalysisSource {
  /** The analysis of chunk `chunkId`, offsets into that chunk's text; undefined for an id the index does not hold. */
  analysis(chunkId: string): TextAnalysis | undefined;
}

/** The analyses of a build by label; typed arrays and places in analysis.bin only, so compute workers share it. */
export interface AnalysisTable {
  /** Sentences of chunk l: `chunkSentences[l] … chunkSentences[l + 1] - 1`. */
  readonly chunkSentences: Uint32Array;
  readonly sentenceStart: Uint32Array;
  readonly sentenceEnd: Uint32Array;
  /** Lemmas of sentence s: `lemmaIds[sentenceLemmas[s]] …` (u32, in the file), ids into `lemmas`. */
  readonly sentenceLemmas: Uint32Array;
  readonly lemmaIds: FileSection;
  readonly lemmas: StringTable;
  /** Values of sentence s: positions `sentenceValues[s] …` of the three value columns (u8, u32, u32, in the file). */
  readonly sentenceValues: Uint32Array;
  readonly valueKind: FileSection;
  readonly valueStart: FileSection;
  readonly valueEnd: FileSection;
}

/** Writes the analyses of `chunkIds` (same order: label order) into `buildDir`. */
export async function writeAnalyses(buildDir: string, chunkIds: readonly string[], columns: AnalysisColumns): Promise<void> {
  if (chunkCount(columns) !== chunkIds.length) throw new Error(`writeAnalyses: ${chunkCount(columns)} analyses for ${chunkIds.length} chunks`);
  const c = columns;
  const lemmas = packStrings(c.lemmas);
  await writeBinaryFile(path.join(buildDir, ANALYSIS_FILE), {
    chunkSentences: c.chunkSentences,
    sentenceStart: c.sentenceStart,
    sentenceEnd: c.sentenceEnd,
    sentenceLemmas: c.sentenceLemmas,
    lemmaIds: c.lemmaIds,
    lemmaBytes: lemmas.bytes,
    lemmaStarts: lemmas.starts,
    lemmaSlots: lemmas.slots,
    sentenceValues: c.sentenceValues,
    valueKind: c.valueKind,
    valueStart: c.valueStart,
    valueEnd: c.valueEnd,
  });
}

/** Reads analysis.bin of `buildDir`, which must analyse `chunks` chunks. */
export function readAnalysisTable(buildDir: string, chunks: number): AnalysisTable {
  const file = path.join(buildDir, ANALYSIS_FILE);
  const s = readBinaryFile(file, {
    chunkSentences: 'u32',
    sentenceStart: 'u32',
    sentenceEnd: 'u32',
    sentenceLemmas: 'u32',
    lemmaIds: 'u32',
    lemmaBytes: 'u8',
    lemmaStarts: 'u32',
    lemmaSlots: 'u32',
    sentenceValues: 'u32',
    valueKind: 'u8',
    valueStart: 'u32',
    valueEnd: 'u32',
  }, ['lemmaIds', 'valueKind', 'valueStart', 'valueEnd']);
  const sentences = s.sentenceStart.length;
  const lemmaCount = s.lemmaIds.byteLength / 4;
  const valueCount = s.valueKind.byteLength;
  const consistent =
    s.chunkSentences.length === chunks + 1 &&
    isOffsetTable(s.chunkSentences, sentences) &&
    s.sentenceEnd.length === sentences &&
    s.sentenceLemmas.length === sentences + 1 &&
    isOffsetTable(s.sentenceLemmas, lemmaCount) &&
    isOffsetTable(s.lemmaStarts, s.lemmaBytes.length) &&
    s.sentenceValues.length === sentences + 1 &&
    isOffsetTable(s.sentenceValues, valueCount) &&
    s.valueStart.byteLength === valueCount * 4 &&
    s.valueEnd.byteLength === valueCount * 4;
  if (!consistent) throw new QuireError('index_corrupt', `${file} does not hold the analyses of ${chunks} chunks.`);
  return { ...s, lemmas: { bytes: s.lemmaBytes, starts: s.lemmaStarts, slots: s.lemmaSlots } };
}

/**
 * The analyses of `table` by chunk id (`labelOf` maps an id to its label). Lemma
 * strings are decoded once each, as chunks that use them are asked for; a chunk's
 * columns are read from the file in one piece each.
 */
export function analysisSource(table: AnalysisTable, labelOf: (chunkId: string) => number | undefined): AnalysisSource {
  const words: (string | undefined)[] = [];
  const word = (id: number) => (words[id] ??= stringAt(table.lemmas, id));
  openSections(table, table.lemmaIds.file);
  return {
    analysis(chunkId) {
      const label = labelOf(chunkId);
      if (label === undefined) return undefined;
      const first = table.chunkSentences[label]!;
      const last = table.chunkSentences[label + 1]!;
      const lemmaBase = table.sentenceLemmas[first]!;
      const valueBase = table.sentenceValues[first]!;
      const valueEnd = table.sentenceValues[last]!;
      const lemmaIds = readUint32s(table, table.lemmaIds, lemmaBase, table.sentenceLemmas[last]!);
      const kinds = readBytes(table, table.valueKind, valueBase, valueEnd);
      const starts = readUint32s(table, table.valueStart, valueBase, valueEnd);
      const ends = readUint32s(table, table.valueEnd, valueBase, valueEnd);
      const sentences: AnalysedSentence[] = [];
      for (let s = first; s < last; s++) {
        const lemmas: string[] = [];
        for (let at = table.sentenceLemmas[s]!; at < table.sentenceLemmas[s + 1]!; at++) lemmas.push(word(lemmaIds[at - lemmaBase]!));
        const values: AnalysedSentence['values'] = [];
        for (let at = table.sentenceValues[s]! - valueBase; at < table.sentenceValues[s + 1]! - valueBase; at++) {
          const kind = VALUE_KINDS[kinds[at]!];
          if (!kind) throw new QuireError('index_corrupt', `${table.valueKind.file} names value kind ${kinds[at]}, which has no name.`);
          values.push({ kind, start: starts[at]!, end: ends[at]! });
        }
        sentences.push({ start: table.sentenceStart[s]!, end: table.sentenceEnd[s]!, lemmas, values });
      }
      return { sentences };
    },
  };
}

/** Reads the stored analyses of `buildDir`, whose chunks are `chunkIds` in label order. */
export function readAnalyses(buildDir: string, chunkIds: readonly string[]): AnalysisSource {
  const labels = new Map(chunkIds.map((id, label) => [id, label]));
  return analysisSource(readAnalysisTable(buildDir, chunkIds.length), (id) => labels.get(id));
}
