/**
 * The vector index and the manifest of one build directory (the binary files
 * have their own modules: chunk-file.ts, lexical-file.ts, analysis.ts).
 * Everything read from disk is validated: a damaged index is reported, never half-used.
 * @module
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { QuireError } from '../errors.js';
import type { HnswGraph } from '../retrieval/hnsw-search.js';
import { readHnswGraph } from './hnsw-file.js';
import { MANIFEST_FILE, VECTORS_FILE } from './layout.js';
import type { Manifest } from './manifest.js';
import { graphVectorIndex, type VectorIndex } from './vectors.js';

/** The HNSW graph of `buildDir`, in shared memory. */
export async function readVectorGraph(buildDir: string, dims: number): Promise<HnswGraph> {
  const file = path.join(buildDir, VECTORS_FILE);
  if (!existsSync(file)) throw new QuireError('index_corrupt', `${file} is missing.`);
  try {
    return await readHnswGraph(file, dims);
  } catch (cause) {
    throw new QuireError('index_corrupt', `${file} is not a readable vector index (${(cause as Error).message}).`, { cause });
  }
}

export async function readVectors(buildDir: string, dims: number): Promise<VectorIndex> {
  return graphVectorIndex(await readVectorGraph(buildDir, dims));
}

/** Written last: a build directory without a manifest is incomplete by definition. */
export async function writeManifest(buildDir: string, manifest: Manifest): Promise<void> {
  await writeFile(path.join(buildDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
}
