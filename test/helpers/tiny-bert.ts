/**
 * A tiny stand-in for Xenova/all-MiniLM-L6-v2 that loads offline: MiniLM's
 * real tokenizer and config (from ../shared/models) over a seeded random
 * embedding table with BERT's inputs. It exercises the whole neural path
 * (real WordPiece, ONNX session, mean pooling) without the 23 MB of weights
 * this machine cannot download.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gaussianArray } from '../../src/embedding/corpus-model/random.js';
import { encodeEmbeddingTableModel } from '../../src/embedding/onnx-table.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** Where MiniLM's tokenizer and config live (but not its weights). */
export const sharedModelsDir = path.resolve(repoRoot, '../shared/models');
export const TINY_BERT_ID = 'Xenova/all-MiniLM-L6-v2';
/** MiniLM's WordPiece vocabulary size. */
export const BERT_VOCAB_SIZE = 30522;

/** The tiny model's token table (row-major 30522 × dims), reproducible from its seed. */
export function tinyBertTable(dims: number): Float32Array {
  return Float32Array.from(gaussianArray(BERT_VOCAB_SIZE * dims, 1234));
}

/** Writes `<root>/Xenova/all-MiniLM-L6-v2/` and returns `root`, the models directory to load it from. */
export function createTinyBertModelsDir(root: string, dims = 32): string {
  const source = path.join(sharedModelsDir, TINY_BERT_ID);
  const target = path.join(root, TINY_BERT_ID);
  mkdirSync(path.join(target, 'onnx'), { recursive: true });
  for (const file of ['tokenizer.json', 'tokenizer_config.json']) copyFileSync(path.join(source, file), path.join(target, file));
  // MiniLM's config, with the width this table really has.
  const config = JSON.parse(readFileSync(path.join(source, 'config.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(path.join(target, 'config.json'), JSON.stringify({ ...config, hidden_size: dims }, null, 2));
  const onnx = encodeEmbeddingTableModel({ table: tinyBertTable(dims), rows: BERT_VOCAB_SIZE, dims, ignoredInputs: ['attention_mask', 'token_type_ids'] });
  writeFileSync(path.join(target, 'onnx', 'model_quantized.onnx'), onnx);
  return root;
}
