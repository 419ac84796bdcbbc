/**
 * A new build as ingest makes it, in memory and in no store's format yet, and its
 * files in the local format. The local store writes these files; the postgres store
 * writes the same build as rows (src/store/postgres/publish.ts) without them.
 * @module
 */
import path from 'node:path';
import { writeParseFailures, type ParseFailure } from '../corpus/isolation/failure-memo.js';
import type { LexicalIndex } from '../retrieval/bm25.js';
import type { Chunk } from '../types.js';
import { writeAnalyses } from './analysis.js';
import type { AnalysisColumns } from './analysis-columns.js';
import { writeChunks } from './chunk-file.js';
import { writeManifest } from './files.js';
import { VECTORS_FILE } from './layout.js';
import { writeLexical } from './lexical-file.js';
import type { Manifest } from './manifest.js';
import type { GraphBuild } from './graph-build.js';

export interface NewBuild {
  /** The build's work directory (the target's createWorkDir): it already holds the corpus model's files (model/). */
  dir: string;
  manifest: Manifest;
  /** In label order, as are `analyses` and `vectors`. */
  chunks: readonly Chunk[];
  analyses: AnalysisColumns;
  vectors: readonly Float32Array[];
  /** The HNSW graph of `vectors`, grown while they were embedded; null for a target that writes none (IngestTarget.writesGraph). */
  graph: GraphBuild | null;
  lexical: LexicalIndex;
  /** Documents whose parser failed, remembered so that the next ingest skips them unless they change. */
  parseFailures: readonly ParseFailure[];
}

/** Writes `build` into its directory in the local format; the manifest last, so a directory with one is complete. */
export async function writeBuildFiles(build: NewBuild): Promise<void> {
  const { dir } = build;
  await writeChunks(dir, build.chunks);
  await writeAnalyses(dir, build.manifest.labels, build.analyses);
  if (!build.graph) throw new Error('writeBuildFiles: a local build needs its HNSW graph');
  await build.graph.write(path.join(dir, VECTORS_FILE));
  await writeLexical(dir, build.lexical);
  await writeParseFailures(dir, build.parseFailures);
  await writeManifest(dir, build.manifest);
}
