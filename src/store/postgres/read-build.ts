/**
 * Reading a build out of PostgreSQL: opened for answering (its manifest and
 * embedder; retrieval and chunk texts stay in the database, search.ts), or read
 * in full into what a re-ingest reuses. The corpus model's files are written to the
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
import { memoizedEmbedder, openBuildEmbedder, type OpenBuild } from '../../index/open.js';
import type { PreviousBuild } from '../../index/previous.js';
import type { TextAnalysis } from '../../text/analysis.js';
import type { Chunk } from '../../types.js';
import { CHUNK_COLUMNS, postgresSearch, toChunk, type ChunkRow } from './search.js';
import { parseVector } from './vector-text.js';

interface StoredBuild {
  manifest: Manifest;
  chunks: Chunk[];
  vectors: Float32Array[];
  analyses: TextAnalysis[];
}

interface BuildRow {
  manifest: Manifest;
  parse_failures: ParseFailure[];
}

interface StoredChunkRow extends ChunkRow {
  embedding: string;
  analysis: TextAnalysis;
}

/** Build `buildId`'s row; its cache directory `ref` gets the model files and parse failures. */
async function readBuildRow(db: pg.Pool | pg.ClientBase, buildId: string, ref: string, where: string): Promise<Manifest> {
  const build = (await db.query<BuildRow>('SELECT manifest, parse_failures FROM quire_builds WHERE id = $1', [buildId])).rows[0];
  if (!build) throw new QuireError('index_not_built', `${where} has no build ${buildId} (it was removed by a newer ingest).`);
  await fillCache(db, buildId, ref, build.parse_failures);
  return build.manifest;
}

/** Build `buildId` read in full (for a re-ingest). */
async function readBuild(client: pg.ClientBase, buildId: string, ref: string, where: string): Promise<StoredBuild> {
  const manifest = await readBuildRow(client, buildId, ref, where);
  const chunkRows = (
    await client.query<StoredChunkRow>(
      `SELECT ${CHUNK_COLUMNS}, embedding::text AS embedding, analysis
       FROM quire_chunks WHERE build_id = $1 ORDER BY label`,
      [buildId],
    )
  ).rows;
  if (chunkRows.length !== manifest.labels.length) {
    throw new QuireError('index_corrupt', `Build ${buildId} in ${where} has ${chunkRows.length} chunks; its manifest names ${manifest.labels.length}.`);
  }
  return {
    manifest,
    chunks: chunkRows.map(toChunk),
    vectors: chunkRows.map((row) => parseVector(row.embedding)),
    analyses: chunkRows.map((row) => row.analysis),
  };
}

/**
 * The build opened for answering, checked against the running settings: what this
 * process holds is its manifest (documents, chunk ids) and embedder; searches and
 * chunk texts are queries on `db` (search.ts).
 */
export async function openPostgresBuild(db: pg.Pool, config: Config, buildId: string, ref: string, where: string): Promise<OpenBuild> {
  const manifest = await readBuildRow(db, buildId, ref, where);
  assertCompatible(manifest, config, `build ${buildId} in ${where}`);
  const { chunksById, ...search } = postgresSearch(db, buildId, manifest, where);
  return {
    buildDir: ref,
    manifest,
    size: manifest.labels.length,
    documents: new Map(manifest.documents.map((doc) => [doc.id, doc])),
    chunksById,
    search,
    embedder: memoizedEmbedder(await openBuildEmbedder(config, manifest, path.join(ref, MODEL_DIR))),
  };
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
async function fillCache(client: pg.Pool | pg.ClientBase, buildId: string, ref: string, parseFailures: ParseFailure[]): Promise<void> {
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
