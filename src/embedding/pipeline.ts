/**
 * The one path every embedding takes: a transformers.js feature-extraction
 * pipeline (its tokenizer and ONNX session) with mean pooling and L2
 * normalisation, run in batches. The neural
 * model and the corpus model differ only in the directory they load from.
 *
 * transformers.js keeps its settings in a global `env` that it reads on every
 * file request, so loads are serialised here: each load sets `env` for itself
 * and runs alone. A load abandoned on timeout is left to finish in the
 * background; it no longer writes `env`, the next load's settings may make its
 * remaining file reads fail, and its result is thrown away, so it cannot
 * disturb the load that follows.
 * @module
 */
import { env, pipeline, type FeatureExtractionPipeline } from '@xenova/transformers';
import { meanPoolNormalized } from './pooling.js';

export type { FeatureExtractionPipeline };

export interface ModelSource {
  /** Directory that holds `<modelId>/`; `null` = the library's default (the hub, with its download cache). */
  root: string | null;
  modelId: string;
  /** Load `onnx/model_quantized.onnx` (true) or `onnx/model.onnx` (false). */
  quantized: boolean;
}

export interface LoadTimeout {
  ms: number;
  /** The error the load fails with when `ms` passes first. */
  error: () => Error;
}

// Captured before Quire changes anything, to restore for hub loads.
const LIBRARY_DEFAULTS = { localModelPath: env.localModelPath as string, allowRemoteModels: env.allowRemoteModels, useFSCache: env.useFSCache };

let queue: Promise<unknown> = Promise.resolve();

/** A promise-queue mutex: `task` starts when every earlier task has settled. */
function exclusively<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => {});
  return run;
}

export function loadExtractor(source: ModelSource, timeout?: LoadTimeout): Promise<FeatureExtractionPipeline> {
  return exclusively(() => {
    if (source.root === null) {
      Object.assign(env, LIBRARY_DEFAULTS);
    } else {
      // Offline and from this directory only. The file cache is off too: it is looked up before the
      // local path under the key "<modelId>/<file>", so a cached download (or another index's
      // "model/") could silently stand in for the files asked for.
      Object.assign(env, { localModelPath: source.root, allowRemoteModels: false, useFSCache: false });
    }
    const loading = pipeline('feature-extraction', source.modelId, { quantized: source.quantized });
    return timeout ? withTimeout(loading, timeout) : loading;
  });
}

/**
 * The load, or `error()` once `ms` have passed. A load that finishes late counts as timed out
 * even when the timer could not fire first: much of loading is synchronous (reading the
 * files, building the ONNX session), and a blocked event loop runs no timers.
 */
function withTimeout(loading: Promise<FeatureExtractionPipeline>, { ms, error }: LoadTimeout): Promise<FeatureExtractionPipeline> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      reject(error());
    }, ms);
    loading.then(
      (extractor) => {
        clearTimeout(timer);
        if (!timedOut && performance.now() - started > ms) {
          timedOut = true;
          reject(error());
        }
        if (timedOut) void extractor.dispose();
        else resolve(extractor);
      },
      (cause: unknown) => {
        clearTimeout(timer);
        if (!timedOut) reject(cause);
      },
    );
  });
}

/**
 * Embeds `texts` in batches of `batchSize`: one L2-normalised Float32Array per
 * text, in the order given. transformers.js tokenizes and runs the ONNX session;
 * pooling is Quire's own loop (pooling.ts). Texts are batched by similar length
 * so that a batch's padding — work the session does for nothing — stays small.
 */
export function embedBatches(extractor: FeatureExtractionPipeline, texts: readonly string[], batchSize: number): Promise<Float32Array[]> {
  return inLengthBatches(texts, batchSize, (batch) => embedBatch(extractor, batch));
}

/** Runs `embed` on batches of `batchSize` texts of similar length; the vectors come back in the order given. */
export async function inLengthBatches(texts: readonly string[], batchSize: number, embed: (batch: string[]) => Promise<Float32Array[]> | Float32Array[]): Promise<Float32Array[]> {
  const out = new Array<Float32Array>(texts.length);
  const byLength = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length);
  for (let from = 0; from < byLength.length; from += batchSize) {
    const batch = byLength.slice(from, from + batchSize);
    const vectors = await embed(batch.map((i) => texts[i]!));
    batch.forEach((i, j) => (out[i] = vectors[j]!));
  }
  return out;
}

/** The feature-extraction pipeline's own steps, minus its pooling. */
async function embedBatch(extractor: FeatureExtractionPipeline, texts: string[]): Promise<Float32Array[]> {
  const inputs = extractor.tokenizer(texts, { padding: true, truncation: true });
  const outputs = await extractor.model(inputs);
  const hidden = outputs.last_hidden_state ?? outputs.logits ?? outputs.token_embeddings;
  const [rows = 0, seq = 0, dims = 0] = hidden.dims as number[];
  // The tokenizer's mask is BigInt64: converted once per token, not once per token and dimension.
  const mask = Uint8Array.from(inputs.attention_mask.data as BigInt64Array, Number);
  return meanPoolNormalized(hidden.data as Float32Array, mask, rows, seq, dims);
}
