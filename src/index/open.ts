/**
 * Opening the current index for answering questions: manifest checked against
 * the settings, chunks, vectors, BM25 statistics, and the embedding model that
 * built it (queries must be embedded by the same model as the chunks).
 * @module
 */
import path from 'node:path';
import type { Config } from '../config.js';
import { openCorpusEmbedder, openNeuralEmbedder, type Embedder } from '../embedding/embedder.js';
import { memoizeEmbedder } from '../embedding/memo.js';
import { QuireError } from '../errors.js';
import { lexicalIndex, type LexicalIndex } from '../retrieval/bm25.js';
import type { Chunk } from '../types.js';
import { readAnalyses, type AnalysisSource } from './analysis.js';
import { readChunks, readLexical, readVectors } from './files.js';
import { currentBuildDir, MODEL_DIR } from './layout.js';
import { assertCompatible, readManifest, type Manifest, type ManifestDocument } from './manifest.js';
import type { VectorIndex } from './vectors.js';

/** Sentence and question vectors remembered per loaded index (about 1.5 KB each at 384 dims). */
const MEMO_ENTRIES = 20_000;

export interface LoadedIndex extends AnalysisSource {
  buildDir: string;
  manifest: Manifest;
  /** In label order: `chunks[label]`. */
  chunks: Chunk[];
  chunkById: Map<string, Chunk>;
  /** Chunk id → its label in the vector index (its position in `chunks`). */
  labelById: Map<string, number>;
  documents: Map<string, ManifestDocument>;
  vectors: VectorIndex;
  lexical: LexicalIndex;
  embedder: Embedder;
}

export async function openIndex(config: Config, buildDir?: string): Promise<LoadedIndex> {
  const dir = buildDir ?? (await currentBuildDir(config.indexDir));
  if (!dir) {
    throw new QuireError('index_not_built', `No index found in ${path.resolve(config.indexDir)}.`);
  }
  const manifest = await readManifest(dir);
  assertCompatible(manifest, config, dir);
  const [chunkList, vectors, lexical, analyses] = await Promise.all([
    readChunks(dir),
    readVectors(dir, manifest.embedder.dims),
    readLexical(dir),
    readAnalyses(dir, manifest.labels),
  ]);
  const chunkById = new Map(chunkList.map((chunk) => [chunk.id, chunk]));
  const chunks = manifest.labels.map((id) => {
    const chunk = chunkById.get(id);
    if (!chunk) throw new QuireError('index_corrupt', `The manifest of ${dir} names chunk ${id}, which chunks.jsonl lacks.`);
    return chunk;
  });
  if (vectors.size !== chunks.length) {
    throw new QuireError('index_corrupt', `${dir} has ${vectors.size} vectors for ${chunks.length} chunks.`);
  }
  const embedder = await openBuildEmbedder(config, manifest, path.join(dir, MODEL_DIR));
  return assembleIndex({ buildDir: dir, manifest, chunks, vectors, lexical: lexicalIndex(lexical), analyses, embedder });
}

/** The model that embedded a build: the neural model by id, or the build's own corpus model from `modelDir`. */
export function openBuildEmbedder(config: Config, manifest: Manifest, modelDir: string): Promise<Embedder> {
  return manifest.embedder.kind === 'neural'
    ? openNeuralEmbedder({ modelId: manifest.embedder.modelId, modelsDir: config.modelsDir, timeoutMs: config.neuralLoadTimeoutMs, batchSize: config.embedBatchSize })
    : openCorpusEmbedder(modelDir, { batchSize: config.embedBatchSize });
}

export interface IndexParts {
  buildDir: string;
  manifest: Manifest;
  /** In label order. */
  chunks: Chunk[];
  vectors: VectorIndex;
  lexical: LexicalIndex;
  analyses: AnalysisSource;
  embedder: Embedder;
}

/** A loaded index from its parts, wherever they were read from (a build directory, the postgres store). */
export function assembleIndex({ buildDir, manifest, chunks, vectors, lexical, analyses, embedder }: IndexParts): LoadedIndex {
  return {
    buildDir,
    manifest,
    chunks,
    chunkById: new Map(chunks.map((chunk) => [chunk.id, chunk])),
    labelById: new Map(manifest.labels.map((id, label) => [id, label])),
    documents: new Map(manifest.documents.map((doc) => [doc.id, doc])),
    vectors,
    lexical,
    embedder: memoizeEmbedder(embedder, MEMO_ENTRIES),
    analysis: (chunkId) => analyses.analysis(chunkId),
  };
}
