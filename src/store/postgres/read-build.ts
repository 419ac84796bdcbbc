/**
 * Reading a build back out of PostgreSQL: into a loaded index for answering (the
 * same in-memory HNSW and BM25 the local store loads, so answers are the same),
 * or into what a re-ingest reuses. The corpus model's files are written to the
 * build's cache directory (its ref) because transformers.js loads models from files;
 * they are a copy of rows, never the only one.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import type { Config } from '../../config.js';
import { writeParseFailures, type ParseFailure } from '../../corpus/isolation/failure-memo.js';
import { QuireError } from '../../errors.js';
import { MODEL_DIR } from '../../index/layout.js';
import { assertCompatible, type Manifest } from '../../index/manifest.js';
import { assembleIndex, openBuildEmbedder, type LoadedIndex } from '../../index/open.js';
import type { PreviousBuild } from '../../index/previous.js';
import { buildVectorIndex } from '../../index/vectors.js';
import { withFactors, type LexicalIndex } from '../../retrieval/bm25.js';
import { packStrings } from '../../retrieval/string-table.js';
import type { TextAnalysis } from '../../text/analysis.js';
import type { Chunk } from '../../types.js';
import { parseVector } from './vector-text.js';

interface StoredBuild {
  manifest: Manifest;
  chunks: Chunk[];
  vectors: Float32Array[];
  analyses: TextAnalysis[];
  lexical: LexicalIndex;
}

interface BuildRow {
  manifest: Manifest;
  dims: number;
  bm25_k1: number;
  bm25_b: number;
  avg_length: number;
  parse_failures: ParseFailure[];
}

interface ChunkRow {
  id: string;
  doc_id: string;
  n: number;
  text: string;
  start_offset: number;
  end_offset: number;
  token_count: number;
  embedding: string;
  analysis: TextAnalysis;
}

/** Build `buildId` read in full; its cache directory `ref` gets the model files and parse failures. */
async function readBuild(client: pg.ClientBase, buildId: string, ref: string, where: string): Promise<StoredBuild> {
  const build = (await client.query<BuildRow>('SELECT manifest, dims, bm25_k1, bm25_b, avg_length, parse_failures FROM quire_builds WHERE id = $1', [buildId])).rows[0];
  if (!build) throw new QuireError('index_not_built', `${where} has no build ${buildId} (it was removed by a newer ingest).`);
  const chunkRows = (
    await client.query<ChunkRow>(
      `SELECT id, doc_id, n, text, start_offset, end_offset, token_count, embedding::text AS embedding, analysis
       FROM quire_chunks WHERE build_id = $1 ORDER BY label`,
      [buildId],
    )
  ).rows;
  const { manifest } = build;
  if (chunkRows.length !== manifest.labels.length) {
    throw new QuireError('index_corrupt', `Build ${buildId} in ${where} has ${chunkRows.length} chunks; its manifest names ${manifest.labels.length}.`);
  }
  const terms = (await client.query<{ term: string; labels: number[]; tfs: number[] }>('SELECT term, labels, tfs FROM quire_terms WHERE build_id = $1', [buildId])).rows;
  await fillCache(client, buildId, ref, build.parse_failures);

  const lengths = Uint32Array.from(chunkRows, (row) => row.token_count);
  const offsets = new Uint32Array(terms.length + 1);
  terms.forEach((row, t) => (offsets[t + 1] = offsets[t]! + row.labels.length));
  const labels = new Uint32Array(offsets[terms.length]!);
  const tfs = new Uint32Array(labels.length);
  terms.forEach((row, t) => {
    labels.set(row.labels, offsets[t]!);
    tfs.set(row.tfs, offsets[t]!);
  });
  const lexical = withFactors({
    k1: build.bm25_k1,
    b: build.bm25_b,
    avgLength: build.avg_length,
    lengths,
    terms: packStrings(terms.map((row) => row.term)),
    offsets,
    labels,
    tfs,
  });
  return {
    manifest,
    chunks: chunkRows.map((row) => ({ id: row.id, docId: row.doc_id, n: row.n, text: row.text, start: row.start_offset, end: row.end_offset })),
    vectors: chunkRows.map((row) => parseVector(row.embedding)),
    analyses: chunkRows.map((row) => row.analysis),
    lexical,
  };
}

/** The build as an index to answer from, checked against the running settings. */
export async function openPostgresBuild(client: pg.ClientBase, config: Config, buildId: string, ref: string, where: string): Promise<LoadedIndex> {
  const stored = await readBuild(client, buildId, ref, where);
  const { manifest } = stored;
  assertCompatible(manifest, config, `build ${buildId} in ${where}`);
  const byId = new Map(stored.chunks.map((chunk, label) => [chunk.id, stored.analyses[label]!]));
  return assembleIndex({
    buildDir: ref,
    manifest,
    chunks: stored.chunks,
    // The same graph the local store builds (same vectors, order, parameters and seed): the same dense hits.
    vectors: buildVectorIndex(stored.vectors, manifest.embedder.dims),
    lexical: stored.lexical,
    analyses: { analysis: (chunkId) => byId.get(chunkId) },
    embedder: await openBuildEmbedder(config, manifest, path.join(ref, MODEL_DIR)),
  });
}

/** The build as a re-ingest reuses it: its manifest, chunks, vectors, analyses and (in `ref`) model. */
export async function readPreviousPostgresBuild(client: pg.ClientBase, buildId: string, ref: string, where: string): Promise<PreviousBuild> {
  const stored = await readBuild(client, buildId, ref, where);
  const label = new Map(stored.chunks.map((chunk, i) => [chunk.id, i]));
  const at = <T>(list: readonly T[], chunkId: string): T | undefined => {
    const i = label.get(chunkId);
    return i === undefined ? undefined : list[i];
  };
  return {
    dir: ref,
    manifest: stored.manifest,
    chunks: new Map(stored.chunks.map((chunk) => [chunk.id, chunk])),
    vector: (chunkId) => at(stored.vectors, chunkId),
    analysis: (chunkId) => at(stored.analyses, chunkId),
  };
}

/**
 * Writes the build's model files and parse failures into `ref` once: into a fresh
 * directory renamed into place, so that processes filling the same cache at once
 * (a server and its compute workers) never see half a model.
 */
async function fillCache(client: pg.ClientBase, buildId: string, ref: string, parseFailures: ParseFailure[]): Promise<void> {
  if (existsSync(ref)) return;
  const files = (await client.query<{ path: string; bytes: Buffer }>('SELECT path, bytes FROM quire_model_files WHERE build_id = $1', [buildId])).rows;
  const tmp = `${ref}.tmp-${randomBytes(4).toString('hex')}`;
  await mkdir(path.join(tmp, MODEL_DIR), { recursive: true });
  for (const file of files) {
    const target = path.join(tmp, MODEL_DIR, file.path);
    if (!target.startsWith(path.join(tmp, MODEL_DIR) + path.sep)) throw new QuireError('index_corrupt', `Build ${buildId} holds a model file outside its model directory: ${file.path}.`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.bytes);
  }
  await writeParseFailures(tmp, parseFailures);
  await rename(tmp, ref).catch(async (error: NodeJS.ErrnoException) => {
    await rm(tmp, { recursive: true, force: true });
    // Another process filled it first: theirs is the same rows.
    if (!existsSync(ref)) throw error;
  });
}
