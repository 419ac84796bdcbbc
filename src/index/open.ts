/**
 * Opening the current index for answering questions: manifest checked against
 * the settings, chunks, BM25 index, analyses, vectors, and the embedding model
 * that built it (queries must be embedded by the same model as the chunks).
 *
 * In two steps, so that the server reads the big files once for all its
 * threads: `readIndexData` reads the manifest and the binary files into shared
 * memory (plain data a worker thread can be posted: chunks, postings, analyses
 * and the HNSW graph, and a corpus model's table), and `openIndexData` adds, in
 * whichever thread runs retrieval, the embedder: over the shared table for a
 * corpus model, in its own ONNX session for the neural model (which cannot be shared).
 * @module
 */
import path from 'node:path';
import type { Config } from '../config.js';
import type { Embedder } from '../embedding/embedder.js';
import { memoizeEmbedder } from '../embedding/memo.js';
import { readCorpusModelData, type CorpusModelData } from '../embedding/corpus-model-data.js';
import { QuireError } from '../errors.js';
import type { LexicalIndex } from '../retrieval/bm25.js';
import { memorySearch, type SearchableIndex } from '../retrieval/retriever.js';
import type { HnswGraph } from '../retrieval/hnsw-search.js';
import { packStrings, sharedStringTable, stringAt, stringCount, stringId, type StringTable } from '../retrieval/string-table.js';
import type { Chunk } from '../types.js';
import { analysisSource, readAnalysisTable, type AnalysisSource, type AnalysisTable } from './analysis.js';
import { chunkAt, chunkDocIds, openTexts, readChunkTable, type ChunkTable } from './chunk-file.js';
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
  /** The chunk id of each label (the manifest's `labels`), in shared memory: what every thread looks ids up in. */
  labels: StringTable;
  chunks: ChunkTable;
  analyses: AnalysisTable;
  lexical: LexicalIndex;
  vectors: HnswGraph;
  /** The build's corpus model, its table in shared memory (absent for the neural model, which has no table to share). */
  corpusModel?: CorpusModelData;
}

/**
 * An open build as far as serving needs without computing, whichever store holds it:
 * its manifest and documents, and its chunks read where the store keeps them.
 */
export interface ServedIndex {
  buildDir: string;
  manifest: Manifest;
  /** The build's files in shared memory, when it was read from a build directory. */
  data?: IndexData;
  /** Chunks in the index; labels are 0 … size − 1. */
  size: number;
  documents: Map<string, ManifestDocument>;
  /** The chunks with these ids, in order (undefined for an id the build lacks). */
  chunksById(ids: readonly string[]): Promise<(Chunk | undefined)[]>;
}

/** A build held in this process's memory (the local store's): every chunk and analysis at hand. */
export interface LocalServedIndex extends ServedIndex, AnalysisSource {
  chunk(label: number): Chunk;
  chunkById(id: string): Chunk | undefined;
  /** A chunk id's label in the vector and lexical indexes, undefined for an id the build lacks. */
  labelOf(id: string): number | undefined;
}

/** An open build ready for retrieval: its search source and embedder (SearchableIndex), whichever store. */
export type OpenBuild = ServedIndex & SearchableIndex;

/** A local build ready for retrieval: also its vectors and BM25 index in memory. */
export interface LoadedIndex extends LocalServedIndex, SearchableIndex {
  vectors: VectorIndex;
  lexical: LexicalIndex;
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
  const corpusModel = manifest.embedder.kind === 'corpus' ? await readBuildCorpusModel(dir, manifest) : undefined;
  return { buildDir: dir, manifest, labels: sharedStringTable(packStrings(manifest.labels)), chunks: readChunkTable(dir, manifest), analyses: readAnalysisTable(dir, size), lexical: readLexical(dir, size), vectors, ...(corpusModel && { corpusModel }) };
}

async function readBuildCorpusModel(buildDir: string, manifest: Manifest): Promise<CorpusModelData> {
  const dir = path.join(buildDir, MODEL_DIR);
  const model = await readCorpusModelData(dir);
  if (model.modelId !== manifest.embedder.modelId || model.dims !== manifest.embedder.dims) {
    throw new QuireError('index_corrupt', `The corpus embedding model in ${dir} is ${model.modelId} (${model.dims} dims), not the ${manifest.embedder.modelId} (${manifest.embedder.dims} dims) that embedded the build.`);
  }
  return model;
}

/** The serving view of read (or posted) index data. */
export function serveIndex(data: IndexData): LocalServedIndex {
  const { manifest, chunks, labels } = data;
  const docIds = chunkDocIds(chunks);
  // A worker posted a build opens its own descriptor on the texts now, while the build is current.
  openTexts(chunks);
  // Ids are looked up in the shared table, not a Map of them each thread would build (117k entries at 100k chunks).
  const labelOf = (id: string) => stringId(labels, id);
  const chunk = (label: number) => chunkAt(chunks, label, stringAt(labels, label), docIds);
  const chunkById = (id: string) => {
    const label = labelOf(id);
    return label === undefined ? undefined : chunk(label);
  };
  const analyses = analysisSource(data.analyses, labelOf);
  return {
    buildDir: data.buildDir,
    manifest,
    data,
    size: stringCount(labels),
    chunk,
    chunkById,
    chunksById: async (ids) => ids.map(chunkById),
    labelOf,
    documents: new Map(manifest.documents.map((doc) => [doc.id, doc])),
    analysis: (chunkId) => analyses.analysis(chunkId),
  };
}

/** Index data made ready for retrieval in this thread: its embedder opened (a corpus model over its shared table). */
export async function openIndexData(config: Config, data: IndexData): Promise<LoadedIndex> {
  // Embedders are imported where they are opened: a server's main thread only reads builds for its workers.
  const embedder = data.corpusModel
    ? (await import('../embedding/table-embedder.js')).openTableEmbedder(data.corpusModel, { batchSize: config.embedBatchSize })
    : await openBuildEmbedder(config, data.manifest, path.join(data.buildDir, MODEL_DIR));
  const served = serveIndex(data);
  const vectors = graphVectorIndex(data.vectors);
  return { ...served, vectors, lexical: data.lexical, embedder: memoizedEmbedder(embedder), search: memorySearch({ ...served, vectors, lexical: data.lexical }) };
}

/** A build's embedder as retrieval uses it: remembering recent queries' and sentences' vectors. */
export const memoizedEmbedder = (embedder: Embedder): Embedder => memoizeEmbedder(embedder, MEMO_ENTRIES);

/** The model that embedded a build: the neural model by id, or the build's own corpus model from `modelDir`. */
export async function openBuildEmbedder(config: Config, manifest: Manifest, modelDir: string): Promise<Embedder> {
  const { openCorpusEmbedder, openNeuralEmbedder } = await import('../embedding/embedder.js');
  return manifest.embedder.kind === 'neural'
    ? openNeuralEmbedder({ modelId: manifest.embedder.modelId, modelsDir: config.modelsDir, timeoutMs: config.neuralLoadTimeoutMs, batchSize: config.embedBatchSize })
    : openCorpusEmbedder(modelDir, { batchSize: config.embedBatchSize });
}

/** Opens `buildDir` (or the current build) in this thread, ready for retrieval. */
export async function openIndex(config: Config, buildDir?: string): Promise<LoadedIndex> {
  return openIndexData(config, await readIndexData(config, buildDir));
}
