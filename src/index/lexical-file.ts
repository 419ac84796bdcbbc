/**
 * lexical.bin: the BM25 index exactly as searched (retrieval/bm25.ts), postings,
 * term table and precomputed factors, so that opening it is one read.
 * @module
 */
import path from 'node:path';
import { QuireError } from '../errors.js';
import type { LexicalIndex } from '../retrieval/bm25.js';
import { isOffsetTable, readBinaryFile, writeBinaryFile } from './binary-file.js';
import { LEXICAL_FILE } from './layout.js';

export async function writeLexical(buildDir: string, index: LexicalIndex): Promise<void> {
  await writeBinaryFile(path.join(buildDir, LEXICAL_FILE), {
    // k1, b and the average length, in one small section.
    params: Float64Array.of(index.k1, index.b, index.avgLength),
    lengths: index.lengths,
    offsets: index.offsets,
    labels: index.labels,
    tfs: index.tfs,
    idfs: index.idfs,
    norms: index.norms,
    maxImpacts: index.maxImpacts,
    termBytes: index.terms.bytes,
    termStarts: index.terms.starts,
    termSlots: index.terms.slots,
  });
}

/** Reads lexical.bin of `buildDir`, which must index `chunks` chunks. */
export function readLexical(buildDir: string, chunks: number): LexicalIndex {
  const file = path.join(buildDir, LEXICAL_FILE);
  const s = readBinaryFile(file, {
    params: 'f64',
    lengths: 'u32',
    offsets: 'u32',
    labels: 'u32',
    tfs: 'u32',
    idfs: 'f64',
    norms: 'f64',
    maxImpacts: 'f64',
    termBytes: 'u8',
    termStarts: 'u32',
    termSlots: 'u32',
  });
  const terms = s.offsets.length - 1;
  const consistent =
    s.params.length === 3 &&
    s.lengths.length === chunks &&
    s.norms.length === chunks &&
    isOffsetTable(s.offsets, s.labels.length) &&
    s.tfs.length === s.labels.length &&
    s.idfs.length === terms &&
    s.maxImpacts.length === terms &&
    s.termStarts.length === terms + 1 &&
    isOffsetTable(s.termStarts, s.termBytes.length) &&
    s.termSlots.length >= terms;
  if (!consistent) throw new QuireError('index_corrupt', `${file} does not hold BM25 statistics of ${chunks} chunks.`);
  return {
    k1: s.params[0]!,
    b: s.params[1]!,
    avgLength: s.params[2]!,
    lengths: s.lengths,
    terms: { bytes: s.termBytes, starts: s.termStarts, slots: s.termSlots },
    offsets: s.offsets,
    labels: s.labels,
    tfs: s.tfs,
    idfs: s.idfs,
    norms: s.norms,
    maxImpacts: s.maxImpacts,
  };
}
