/**
 * `quire ingest`: corpus → chunks → vectors → a new build directory, published
 * atomically. Incremental: chunks of documents whose bytes, chunker settings
 * and embedding model are unchanged keep their stored vectors.
 * @module
 */
import { cp } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { createChunker } from '../chunking/chunker.js';
import type { Config } from '../config.js';
import { loadCorpus, type CleaningReport, type LoadFailure } from '../corpus/load-corpus.js';
import { readParseFailures } from '../corpus/isolation/failure-memo.js';
import { chooseEmbedder } from '../embedding/choose.js';
import { fitCorpusModel, foldInWords, readCorpusModelInfo, unseenWordRate } from '../embedding/corpus-model/index.js';
import { openCorpusEmbedder, type Embedder } from '../embedding/embedder.js';
import { diskFullOr, QuireError } from '../errors.js';
import type { Logger } from '../log.js';
import { buildLexicalIndex } from '../retrieval/bm25.js';
import type { Chunk } from '../types.js';
import { MODEL_DIR } from '../index/layout.js';
import { FORMAT_VERSION, type Manifest } from '../index/manifest.js';
import { analyseChunks, type PendingAnalyses } from './analyse.js';
import { planDocuments } from './plan.js';
import type { PreviousBuild } from '../index/previous.js';
import type { NewBuild } from '../index/write-build.js';
import { startGraphBuild, type GraphBuild } from '../index/graph-build.js';
import { openStore } from '../store/open-store.js';
import type { IngestTarget } from '../store/store.js';

/** Embedding batches handed to the embedder at once (progress is reported between calls). */
const EMBED_BATCHES_PER_CALL = 32;

/**
 * Share of the corpus's words that the corpus model's fit never saw above which
 * ingest refits it (and re-embeds everything) instead of folding the new words
 * in: folded words get vectors, but the latent directions were chosen without
 * them, so once they are a noticeable part of the text a new fit serves better.
 */
const AUTO_REFIT_UNSEEN_RATE = 0.05;

/** Why the corpus model was fitted anew: the first ingest, `--refit`, or too many words new to it. */
export type RefitReason = 'no previous model' | 'requested' | 'new vocabulary';

export interface IngestProgress {
  phase: 'load' | 'analyse' | 'embed' | 'write';
  done: number;
  total: number;
}

export interface IngestSummary {
  documents: { added: number; changed: number; removed: number; unchanged: number; failed: LoadFailure[] };
  /** Chunks in the new index. */
  chunks: number;
  /** Chunks embedded in this run (the rest reused stored vectors). */
  embedded: number;
  ms: number;
  embedder: { kind: 'neural' | 'corpus'; modelId: string; dims: number; fallbackReason?: string };
  corpusModel?: {
    refitted: boolean;
    refitReason: RefitReason | null;
    /** Words new to the model given vectors from their contexts (fold.ts) instead of a refit. */
    foldedWords: number;
    vocabularySize: number;
    /** Share of the corpus's words the previous model's fit had not seen (0 after a refit on it). */
    unseenWordRate: number;
  };
  cleaning: CleaningReport;
  buildDir: string;
}

export interface IngestOptions {
  config: Config;
  log: Logger;
  /** Called as work advances. An exception thrown here aborts the build, leaving the old index in place. */
  onProgress?: (progress: IngestProgress) => void;
}

export async function ingest({ config, log, onProgress = () => {} }: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const store = openStore(config, log);
  try {
    return await ingestInto(store.ingestTarget(), { config, log, onProgress }, started);
  } finally {
    await store.close();
  }
}

async function ingestInto(target: IngestTarget, { config, log, onProgress = () => {} }: IngestOptions, started: number): Promise<IngestSummary> {
  const release = await target.lock();
  let buildDir: string | null = null;
  let analysing: PendingAnalyses | undefined;
  let graph: GraphBuild | null = null;
  try {
    const previous = await target.previous();
    const corpus = await loadCorpus(config.corpusDir, {
      onFile: () => {},
      issuedIds: new Map(previous?.manifest.documents.map((doc) => [doc.path, doc.id])),
      isolation: {
        limits: { timeoutMs: config.parseTimeoutMs, memoryMb: config.parseMemoryMb, maxPages: config.pdfMaxPages },
        knownFailures: previous ? await readParseFailures(previous.dir) : [],
      },
    });
    for (const failure of corpus.failures) log.warn('document skipped', { ...failure });
    if (corpus.documents.length === 0) {
      throw new QuireError('corpus_empty', `No readable documents in ${path.resolve(config.corpusDir)}; the previous index is unchanged.`);
    }
    onProgress({ phase: 'load', done: corpus.documents.length, total: corpus.documents.length });

    const chunker = createChunker({ chunkWords: config.chunkWords, chunkOverlapWords: config.chunkOverlapWords });
    const chunksByDoc = await Promise.all(corpus.documents.map((doc) => chunker.split(doc)));
    const chunks = chunksByDoc.flat();

    buildDir = await target.createWorkDir();
    // Analysed meanwhile, on another thread when there are many: the fit and the embedding below keep this one busy.
    // Its progress during the embedding is told after it, so that a terminal shows one phase at a time.
    let embedding = false;
    let heldProgress: IngestProgress | null = null;
    analysing = analyseChunks(chunks, previous, (done, total) => {
      if (embedding) heldProgress = { phase: 'analyse', done, total };
      else onProgress({ phase: 'analyse', done, total });
    });
    const model = await prepareEmbedder(config, log, buildDir, previous, chunks);
    const embedder = model.embedder;

    const plan = planDocuments(corpus.documents, previous?.manifest.documents ?? []);
    // --refit re-embeds everything, even when the new fit came out identical: the user asked for a fresh start.
    const reusable =
      !config.refit &&
      previous !== null &&
      previous.manifest.embedder.modelId === embedder.modelId &&
      previous.manifest.chunker.chunkWords === config.chunkWords &&
      previous.manifest.chunker.chunkOverlapWords === config.chunkOverlapWords;
    const unchanged = new Set(reusable ? plan.unchanged : []);
    graph = target.writesGraph ? startGraphBuild(embedder.dims, chunks.length) : null;
    embedding = true;
    const vectors = await embedChunks(
      chunks,
      embedder,
      config.embedBatchSize,
      (chunk) => (unchanged.has(chunk.docId) ? previous?.vector(chunk.id) : undefined),
      (ready) => graph?.add(ready),
      onProgress,
    );
    embedding = false;
    if (heldProgress) onProgress(heldProgress);
    const analyses = await analysing.analyses;

    onProgress({ phase: 'write', done: 0, total: 1 });
    const manifest: Manifest = {
      formatVersion: FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      embedder: { kind: embedder.kind, modelId: embedder.modelId, dims: embedder.dims },
      chunker: { chunkWords: config.chunkWords, chunkOverlapWords: config.chunkOverlapWords },
      documents: corpus.documents.map((doc, i) => ({
        id: doc.id,
        title: doc.title,
        path: doc.path,
        sha256: doc.sha256,
        chunkIds: (chunksByDoc[i] ?? []).map((chunk) => chunk.id),
      })),
      labels: chunks.map((chunk) => chunk.id),
      failed: corpus.failures,
      ...(model.corpusModel && {
        corpusModel: { vocabularySize: model.corpusModel.vocabularySize, fittedAt: model.corpusModel.fittedAt, unseenWordRate: model.corpusModel.unseenWordRate },
      }),
    };
    // The store writes the build its own way: files (local) or rows, straight from memory (postgres).
    const build: NewBuild = {
      dir: buildDir,
      manifest,
      chunks,
      analyses,
      vectors: vectors.all,
      graph,
      lexical: buildLexicalIndex(chunks.map((chunk) => chunk.text)),
      parseFailures: corpus.parseFailures,
    };
    const published = await target.publish(build, previous?.dir ?? null);
    onProgress({ phase: 'write', done: 1, total: 1 });

    return {
      documents: {
        added: plan.added.length,
        changed: plan.changed.length,
        removed: plan.removed.length,
        unchanged: plan.unchanged.length,
        failed: corpus.failures,
      },
      chunks: chunks.length,
      embedded: vectors.embedded,
      ms: Math.round(performance.now() - started),
      embedder: { kind: embedder.kind, modelId: embedder.modelId, dims: embedder.dims, ...(model.fallbackReason && { fallbackReason: model.fallbackReason }) },
      ...(model.corpusModel && {
        corpusModel: {
          refitted: model.corpusModel.refitted,
          refitReason: model.corpusModel.refitReason,
          foldedWords: model.corpusModel.foldedWords,
          vocabularySize: model.corpusModel.vocabularySize,
          unseenWordRate: model.corpusModel.unseenWordRate,
        },
      }),
      cleaning: corpus.cleaning,
      buildDir: published,
    };
  } catch (error) {
    await analysing?.cancel();
    await graph?.cancel();
    if (buildDir) await target.discard(buildDir);
    throw diskFullOr(error, config.indexDir, 'the index directory');
  } finally {
    await release();
  }
}

interface PreparedEmbedder {
  embedder: Embedder;
  fallbackReason?: string;
  corpusModel?: { refitted: boolean; refitReason: RefitReason | null; foldedWords: number; vocabularySize: number; fittedAt: string; unseenWordRate: number };
}

/**
 * The neural model when it is chosen and loads; otherwise the corpus model:
 * the previous build's, with the corpus's new words folded in (so unchanged
 * chunks keep their vectors), or a new fit on the whole current corpus when
 * there is none, `--refit` asks for one, or too many words are new to it.
 */
async function prepareEmbedder(config: Config, log: Logger, buildDir: string, previous: PreviousBuild | null, chunks: readonly Chunk[]): Promise<PreparedEmbedder> {
  const choice = await chooseEmbedder({
    embedder: config.embedder,
    modelId: config.embeddingModel,
    modelsDir: config.modelsDir,
    timeoutMs: config.neuralLoadTimeoutMs,
    batchSize: config.embedBatchSize,
    log,
  });
  if (choice.kind === 'neural') return { embedder: choice.embedder };

  const modelDir = path.join(buildDir, MODEL_DIR);
  const previousModel = previous && previous.manifest.embedder.kind === 'corpus' ? path.join(previous.dir, MODEL_DIR) : null;
  const texts = chunks.map((chunk) => chunk.text);
  const canReuse = !config.refit && previousModel !== null && existsSync(previousModel) && previous?.manifest.corpusModel !== undefined;
  let unseen = 0;
  if (canReuse) {
    await cp(previousModel, modelDir, { recursive: true });
    unseen = await unseenWordRate(modelDir, texts);
  }
  const refitReason: RefitReason | null = !canReuse ? (config.refit ? 'requested' : 'no previous model') : unseen > AUTO_REFIT_UNSEEN_RATE ? 'new vocabulary' : null;
  let foldedWords = 0;
  if (refitReason) {
    await rm(modelDir, { recursive: true, force: true });
    await fitCorpusModel(texts, { dims: config.corpusModelDims, dir: modelDir });
  } else {
    foldedWords = await foldInWords(modelDir, texts);
  }
  const info = await readCorpusModelInfo(modelDir);
  if (refitReason === 'new vocabulary') log.info('corpus model refitted: many words are new to it', { unseenWordRate: unseen });
  const embedder = await openCorpusEmbedder(modelDir, { batchSize: config.embedBatchSize });
  return {
    embedder,
    ...(choice.fallbackReason && { fallbackReason: choice.fallbackReason }),
    corpusModel: { refitted: refitReason !== null, refitReason, foldedWords, vocabularySize: info.vocabularySize, fittedAt: info.fittedAt, unseenWordRate: unseen },
  };
}

async function embedChunks(
  chunks: readonly Chunk[],
  embedder: Embedder,
  batchSize: number,
  storedVector: (chunk: Chunk) => Float32Array | undefined,
  onReady: (vectors: readonly Float32Array[]) => void,
  onProgress: (progress: IngestProgress) => void,
): Promise<{ all: Float32Array[]; embedded: number }> {
  const all: (Float32Array | undefined)[] = chunks.map(storedVector);
  const todo = chunks.flatMap((chunk, i) => (all[i] ? [] : [i]));
  // onReady hears every vector once, in label order: each time the run of labels with vectors grows.
  let ready = 0;
  const tellReady = () => {
    const from = ready;
    while (ready < all.length && all[ready]) ready++;
    onReady(all.slice(from, ready) as Float32Array[]);
  };
  tellReady();
  onProgress({ phase: 'embed', done: 0, total: todo.length });
  // Many batches per call: the embedder batches texts of similar length together, which needs a choice of texts.
  const group = batchSize * EMBED_BATCHES_PER_CALL;
  for (let from = 0; from < todo.length; from += group) {
    const batch = todo.slice(from, from + group);
    const vectors = await embedder.embed(batch.map((i) => chunks[i]!.text));
    batch.forEach((i, j) => (all[i] = vectors[j]));
    tellReady();
    onProgress({ phase: 'embed', done: Math.min(from + group, todo.length), total: todo.length });
  }
  return { all: all as Float32Array[], embedded: todo.length };
}
