/**
 * The stored text analysis of every chunk (sentences, values, lemmas: src/text/analysis.ts),
 * written at ingest and read when an index opens. Callers see only `AnalysisSource` and
 * the two functions here, so the on-disk form (today `analysis.jsonl`, one chunk a line,
 * sentences as tuples) can change without touching them.
 * @module
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { QuireError } from '../errors.js';
import type { AnalysedSentence, TextAnalysis } from '../text/analysis.js';
import type { ValueKind } from '../text/entities.js';
import { ANALYSIS_FILE } from './layout.js';

/** What answering reads: the analysis of a chunk of the loaded index. */
export interface AnalysisSource {
  /** The analysis of chunk `chunkId`, offsets into that chunk's text; undefined for an id the index does not hold. */
  analysis(chunkId: string): TextAnalysis | undefined;
}

// Value kinds by number on disk: append only, never reorder (a stored index names them by position).
const KINDS: readonly ValueKind[] = ['person', 'place', 'organization', 'date', 'time', 'number', 'money', 'percent', 'duration', 'ordinal'];

/** One sentence on disk: [start, end, lemmas, [kind number, start, end] per value]. */
const sentenceSchema = z.tuple([
  z.number().int().nonnegative(),
  z.number().int().nonnegative(),
  z.array(z.string()),
  z.array(z.tuple([z.number().int().min(0).max(KINDS.length - 1), z.number().int().nonnegative(), z.number().int().nonnegative()])),
]);
const lineSchema = z.object({ id: z.string(), sentences: z.array(sentenceSchema) });

const toDisk = ({ start, end, lemmas, values }: AnalysedSentence): z.infer<typeof sentenceSchema> => [
  start,
  end,
  lemmas,
  values.map((v) => [KINDS.indexOf(v.kind), v.start, v.end]),
];

const fromDisk = ([start, end, lemmas, values]: z.infer<typeof sentenceSchema>): AnalysedSentence => ({
  start,
  end,
  lemmas,
  values: values.map(([kind, from, to]) => ({ kind: KINDS[kind]!, start: from, end: to })),
});

/** Writes the analyses of `chunkIds` (same order) into `buildDir`. */
export async function writeAnalyses(buildDir: string, chunkIds: readonly string[], analyses: readonly TextAnalysis[]): Promise<void> {
  const lines = chunkIds.map((id, i) => JSON.stringify({ id, sentences: analyses[i]!.sentences.map(toDisk) }));
  await writeFile(path.join(buildDir, ANALYSIS_FILE), lines.join('\n') + '\n');
}

/** Reads the stored analyses of `buildDir`; every chunk of `chunkIds` must have one. */
export async function readAnalyses(buildDir: string, chunkIds: readonly string[]): Promise<AnalysisSource> {
  const file = path.join(buildDir, ANALYSIS_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new QuireError('index_corrupt', `Cannot read ${file}.`, { cause });
  }
  const byId = new Map<string, TextAnalysis>();
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let parsed: z.infer<typeof lineSchema>;
    try {
      parsed = lineSchema.parse(JSON.parse(line));
    } catch (cause) {
      throw new QuireError('index_corrupt', `${file} line ${i + 1} is not a valid chunk analysis.`, { cause });
    }
    byId.set(parsed.id, { sentences: parsed.sentences.map(fromDisk) });
  });
  const missing = chunkIds.find((id) => !byId.has(id));
  if (missing) throw new QuireError('index_corrupt', `${file} has no analysis of chunk ${missing}.`);
  return { analysis: (chunkId) => byId.get(chunkId) };
}
