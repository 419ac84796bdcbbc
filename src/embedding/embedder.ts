/**
 * Embedders: text in, L2-normalised vectors out, through transformers.js
 * (see pipeline.ts). `openNeuralEmbedder` loads a pretrained model such as
 * MiniLM; `openCorpusEmbedder` loads the model Quire fitted to the corpus.
 * @module
 */
import path from 'node:path';
import { QuireError } from '../errors.js';
import { readCorpusModelInfo } from './corpus-model/write.js';
import { checkLocalModel, neuralLoadError } from './neural-files.js';
import { embedBatches, loadExtractor, type FeatureExtractionPipeline } from './pipeline.js';

export interface Embedder {
  readonly kind: 'neural' | 'corpus';
  /** `Xenova/all-MiniLM-L6-v2`, or for corpus models `quire-corpus-<content hash>`. */
  readonly modelId: string;
  readonly dims: number;
  /**
   * One vector per text, in batches, each L2-normalised; a text with no token
   * the model knows (possible only with the corpus model) gets the zero vector.
   */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  /** Frees the ONNX session. Optional so that test doubles need not implement it. */
  dispose?(): Promise<void>;
}

export interface NeuralEmbedderOptions {
  /** e.g. `Xenova/all-MiniLM-L6-v2`. */
  modelId: string;
  /** Local model root (offline, this directory only); undefined = download from the hub and cache. */
  modelsDir?: string | undefined;
  /** Longest the load may take. */
  timeoutMs: number;
  batchSize: number;
}

export async function openNeuralEmbedder(o: NeuralEmbedderOptions): Promise<Embedder> {
  const quantized = o.modelsDir === undefined ? true : checkLocalModel(o.modelsDir, o.modelId).quantized;
  const source = { root: o.modelsDir === undefined ? null : path.resolve(o.modelsDir), modelId: o.modelId, quantized };
  const timeout = { ms: o.timeoutMs, error: () => neuralLoadError({ modelId: o.modelId, modelsDir: o.modelsDir, timeoutMs: o.timeoutMs }) };
  const extractor = await loadExtractor(source, timeout).catch((cause: unknown) => {
    throw cause instanceof QuireError ? cause : neuralLoadError({ modelId: o.modelId, modelsDir: o.modelsDir, cause });
  });
  // The width is whatever the weights produce; a config.json may not say (or may say wrong).
  const [probe] = await embedBatches(extractor, ['dimension probe'], 1);
  return createEmbedder('neural', o.modelId, probe?.length ?? 0, extractor, o.batchSize);
}

/** Opens a corpus model written by `fitCorpusModel` into `dir`. */
export async function openCorpusEmbedder(dir: string, o: { batchSize: number }): Promise<Embedder> {
  const info = await readCorpusModelInfo(dir);
  const absolute = path.resolve(dir);
  const source = { root: path.dirname(absolute), modelId: path.basename(absolute), quantized: false };
  const extractor = await loadExtractor(source).catch((cause: unknown) => {
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new QuireError('index_corrupt', `The corpus embedding model in ${absolute} does not load: ${message}.`, { cause });
  });
  return createEmbedder('corpus', info.modelId, info.dims, extractor, o.batchSize);
}

function createEmbedder(kind: Embedder['kind'], modelId: string, dims: number, extractor: FeatureExtractionPipeline, batchSize: number): Embedder {
  return {
    kind,
    modelId,
    dims,
    embed: (texts) => embedBatches(extractor, texts, batchSize),
    dispose: () => extractor.dispose(),
  };
}
