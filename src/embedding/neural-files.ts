/**
 * Checks a models directory for a neural model before transformers.js tries
 * to load it, so a missing file is reported by its exact path, with what to
 * do, instead of as the library's generic "file was not found locally".
 * @module
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { QuireError } from '../errors.js';

const TOKENIZER_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];
const QUANTIZED = path.join('onnx', 'model_quantized.onnx');
const FULL = path.join('onnx', 'model.onnx');

const instead = 'or set QUIRE_EMBEDDER=corpus to use an embedding model fitted to your corpus (works offline)';

/** Resolves which weights file a local model has: quantized (the transformers.js default) or full precision. */
export function checkLocalModel(modelsDir: string, modelId: string): { dir: string; quantized: boolean } {
  const dir = path.resolve(modelsDir, modelId);
  if (!existsSync(dir)) {
    throw new QuireError(
      'model_missing',
      `The embedding model ${modelId} is not in the models directory ${path.resolve(modelsDir)}: expected the directory ${dir} ` +
        `with ${[...TOKENIZER_FILES, QUANTIZED].join(', ')}. Copy the model there (from https://huggingface.co/${modelId}), ${instead}.`,
    );
  }
  const missing = TOKENIZER_FILES.filter((file) => !existsSync(path.join(dir, file)));
  if (missing.length > 0) {
    throw new QuireError('model_missing', `The embedding model in ${dir} is incomplete: ${missing.join(', ')} missing. Copy the missing files there (from https://huggingface.co/${modelId}), ${instead}.`);
  }
  if (existsSync(path.join(dir, QUANTIZED))) return { dir, quantized: true };
  if (existsSync(path.join(dir, FULL))) return { dir, quantized: false };
  throw new QuireError(
    'model_missing',
    `The weights of the embedding model ${modelId} are missing: expected ${path.join(dir, QUANTIZED)} ` +
      `(${dir} has the tokenizer and config but no ONNX weights). Copy onnx/model_quantized.onnx from https://huggingface.co/${modelId} ` +
      `into ${path.join(dir, 'onnx')}, ${instead}.`,
  );
}

/** Explains a failed or slow neural load, naming where the model was looked for. */
export function neuralLoadError(o: { modelId: string; modelsDir: string | undefined; timeoutMs?: number; cause?: unknown }): QuireError {
  const where = o.modelsDir === undefined ? 'from the Hugging Face hub' : `from ${path.resolve(o.modelsDir, o.modelId)}`;
  const what = o.timeoutMs === undefined ? `could not be loaded ${where} (${o.cause instanceof Error ? o.cause.message : String(o.cause)})` : `did not load ${where} within ${o.timeoutMs} ms (QUIRE_NEURAL_TIMEOUT_MS)`;
  const fix =
    o.modelsDir === undefined
      ? `Without internet access, copy its files (${[...TOKENIZER_FILES, QUANTIZED].join(', ')}) into <dir>/${o.modelId}/ and set QUIRE_MODELS_DIR=<dir>, ${instead}.`
      : `Check the files in ${path.resolve(o.modelsDir, o.modelId)}, ${instead}.`;
  return new QuireError('model_missing', `The embedding model ${o.modelId} ${what}. ${fix}`, o.cause === undefined ? undefined : { cause: o.cause });
}
