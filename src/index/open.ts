/**
 * Opening the current index for answering questions: manifest checked against
 * the settings, chunks, BM25 index, analyses, vectors, and the embedding model
 * that built it (queries must be embedded by the same model as the chunks).
 *
 * In two steps, so that the server reads the big files once for all its
 * threads: `readIndexData` reads the manifest and the binary files into shared
 * memory (plain data a worker thread can be posted: chunks, postings, analyses
 * and the HNSW graph), and `openIndexData` adds, in whichever thread runs
 * retrieval, the embedder, whose ONNX session cannot be shared.
 * @module
 */
import path from 'node:path';
import type { Config } from '../config.js';
import { openCorpusEmbedder, openNeuralEmbedder, type Embedder } from '../embedding/embedder.js';
import { memoizeEmbedder } from '../embedding/memo.js';
import { QuireError } from '../errors.js';
import type { LexicalIndex } from '../retrieval/bm25.js';
import type { HnswGraph } from '../retrieval/hnsw-search.js';
import type { Chunk } from '../types.js';
import { analysisSource, readAnalysisTable, type AnalysisSource, type AnalysisTable } from './analysis.js';
import { chunkAt, chunkDocIds, readChunkTable, type ChunkTable } from './chunk-file.js';
import { readVectorGraph } from './files.js';
import { currentBuildDir, MODEL_DIR } from './layout.js';
import { readLexical } from './lexical-file.js';
import { assertCompatible, readManifest, type Manifest, type ManifestDocument } from './manifest.js';
import { graphVectorIndex, type VectorIndex } from './vectors.js';

/** Sentence and question vectors remembered per loaded index (about 1.5 KB each at 384 dims). */
const MEMO_ENTRIES = 20_000;

/** A build's files in memory: plain data whose arrays are SharedArrayBuffer views, posted to compute workers as is. */
export interface IndexData {
  buildDir: string;
  manifest: Manifest;
  chunks: ChunkTable;
  analyses: AnalysisTable;
  lexical: LexicalIndex;
  vectors: HnswGraph;
}

/** An open build as far as serving needs without computing: chunks, documents, analyses. */
export interface ServedIndex extends AnalysisSource {
  buildDir: string;
  manifest: Manifest;
  /** The build's files in shared memory, when it was read from a build directory (not for assembleIndex's). */
  data?: IndexData;
  /** Chunks in the index; labels are 0 … size − 1. */
  size: number;
  chunk(label: number): Chunk;
  chunkById(id: string): Chunk | undefined;
  /** A chunk id's label in the vector and lexical indexes, undefined for an id the build lacks. */
  labelOf(id: string): number | undefined;
  documents: Map<string, ManifestDocument>;
}

/** An open build ready for retrieval: also its vectors, BM25 index and embedder. */
export interface LoadedIndex extends ServedIndex {
  vectors: VectorIndex;
  lexical: LexicalIndex;
  embedder: Embedder;
}

/** Reads the manifest (checked against the settings) and the binary files of `buildDir`, or of the current build. */
export async function readIndexData(config: Config, buildDir?: string): Promise<IndexData> {
  const dir = buildDir ?? (await currentBuildDir(config.indexDir));
  if (!dir) {
    throw new QuireError('index_not_built', `No index found in ${path.resolve(config.indexDir)}.`);
  }
  const manifest = await readManifest(dir);
  assertCompatible(manifest, config, dir);
  const size = manifest.labels.length;
  const vectors = await readVectorGraph(dir, manifest.embedder.dims);
  if (vectors.count !== size) throw new QuireError('index_corrupt', `${dir} has ${vectors.count} vectors for ${size} chunks.`);
  return { buildDir: dir, manifest, chunks: readChunkTable(dir, manifest), analyses: readAnalysisTable(dir, size), lexical: readLexical(dir, size), vectors };
}

/** The serving view of read (or posted) index data. */
export function serveIndex(data: IndexData): ServedIndex {
  const { manifest, chunks } = data;
  const labels = manifest.labels;
  const labelById = new Map(labels.map((id, label) => [id, label]));
  const docIds = chunkDocIds(chunks);
  const labelOf = (id: string) => labelById.get(id);
  const chunk = (label: number) => chunkAt(chunks, label, labels, docIds);
  const analyses = analysisSource(data.analyses, labelOf);
  return {
    buildDir: data.buildDir,
    manifest,
    data,
    size: labels.length,
    chunk,
    chunkById: (id) => {
      const label = labelById.get(id);
      return label === undefined ? undefined : chunk(label);
    },
    labelOf,
    documents: new Map(manifest.documents.map((doc) => [doc.id, doc])),
    analysis: (chunkId) => analyses.analysis(chunkId),
  };
}

/** Index data made ready for retrieval in this thread: its embedder opened. */
export async function openIndexData(config: Config, data: IndexData): Promise<LoadedIndex> {
  const embedder = await openBuildEmbedder(config, data.manifest, path.join(data.buildDir, MODEL_DIR));
  return { ...serveIndex(data), vectors: graphVectorIndex(data.vectors), lexical: data.lexical, embedder: memoizeEmbedder(embedder, MEMO_ENTRIES) };
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

/** A loaded index from parts read elsewhere than a build directory (the postgres store), held as plain objects. */
export function assembleIndex({ buildDir, manifest, chunks, vectors, lexical, analyses, embedder }: IndexParts): LoadedIndex {
  const labelById = new Map(manifest.labels.map((id, label) => [id, label]));
  const labelOf = (id: string) => labelById.get(id);
  return {
    buildDir,
    manifest,
    size: chunks.length,
    chunk: (label) => chunks[label]!,
    chunkById: (id) => {
      const label = labelOf(id);
      return label === undefined ? undefined : chunks[label];
    },
    labelOf,
    documents: new Map(manifest.documents.map((doc) => [doc.id, doc])),
    vectors,
    lexical,
    embedder: memoizeEmbedder(embedder, MEMO_ENTRIES),
    analysis: (chunkId) => analyses.analysis(chunkId),
  };
}

/** Opens `buildDir` (or the current build) in this thread, ready for retrieval. */
export async function openIndex(config: Config, buildDir?: string): Promise<LoadedIndex> {
  return openIndexData(config, await readIndexData(config, buildDir));
}
