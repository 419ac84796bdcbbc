/**
 * The index being replaced, as far as a re-ingest can reuse it: its manifest,
 * chunks and stored vectors. A missing or damaged previous index is simply
 * "nothing to reuse".
 * @module
 */
import type { Logger } from '../log.js';
import type { TextAnalysis } from '../text/analysis.js';
import type { Chunk } from '../types.js';
import { readAnalyses } from './analysis.js';
import { chunkAt, chunkDocIds, readChunkTable } from './chunk-file.js';
import { readVectors } from './files.js';
import { currentBuildDir } from './layout.js';
import { readManifest, type Manifest } from './manifest.js';

export interface PreviousBuild {
  dir: string;
  manifest: Manifest;
  chunks: Map<string, Chunk>;
  /** Stored vector of a chunk id. */
  vector(chunkId: string): Float32Array | undefined;
  /** Stored analysis of a chunk id. */
  analysis(chunkId: string): TextAnalysis | undefined;
}

export async function readPreviousBuild(indexDir: string, log: Logger): Promise<PreviousBuild | null> {
  const dir = await currentBuildDir(indexDir);
  if (!dir) return null;
  try {
    const manifest = await readManifest(dir);
    const table = readChunkTable(dir, manifest);
    const docIds = chunkDocIds(table);
    const chunks = new Map(manifest.labels.map((id, label) => [id, chunkAt(table, label, id, docIds)]));
    const vectors = await readVectors(dir, manifest.embedder.dims);
    const analyses = readAnalyses(dir, manifest.labels);
    const labelOf = new Map(manifest.labels.map((id, label) => [id, label]));
    return {
      dir,
      manifest,
      chunks,
      vector: (chunkId) => {
        const label = labelOf.get(chunkId);
        return label === undefined ? undefined : vectors.vector(label);
      },
      analysis: (chunkId) => analyses.analysis(chunkId),
    };
  } catch (error) {
    log.warn('previous index unreadable; rebuilding everything', { dir, error: (error as Error).message });
    return null;
  }
}
