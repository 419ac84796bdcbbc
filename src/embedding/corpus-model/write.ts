/**
 * Stores a fitted corpus model as a transformers.js model directory, so it
 * loads through exactly the same pipeline as MiniLM:
 *
 *   config.json             model_type "bert", hidden_size = dims
 *   tokenizer.json          WordPiece over the corpus vocabulary
 *   tokenizer_config.json
 *   onnx/model.onnx         the token table as a Gather graph (onnx-table.ts)
 *   quire-model.json        Quire's metadata: kind, model id, dims, sizes, fit time
 * @module
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { QuireError } from '../../errors.js';
import { encodeEmbeddingTableModel } from '../onnx-table.js';
import type { FittedCorpusModel } from './fit.js';
import { tokenizerConfig, tokenizerJson } from './tokenizer.js';

export const MODEL_INFO_FILE = 'quire-model.json';
/** transformers.js looks for `onnx/model.onnx` when loaded with `quantized: false`. */
export const ONNX_FILE = path.join('onnx', 'model.onnx');

const modelInfoSchema = z.object({
  format: z.literal(1),
  kind: z.literal('corpus'),
  modelId: z.string().min(1),
  dims: z.number().int().positive(),
  vocabularySize: z.number().int().nonnegative(),
  tokens: z.number().int().positive(),
  texts: z.number().int().nonnegative(),
  contexts: z.number().int().nonnegative(),
  svd: z.enum(['exact', 'randomized']),
  fittedAt: z.string(),
  /** Tokens that came from the fit; later ones were folded in (fold.ts). Absent: all of them. */
  fitTokens: z.number().int().positive().optional(),
});
export type CorpusModelInfo = z.infer<typeof modelInfoSchema>;

/**
 * Writes a fitted model, or with `extends` a fitted model with words folded in:
 * that keeps its id, because folding adds rows and changes none, so every
 * vector the model made before is still what it would make now.
 */
export async function writeCorpusModel(dir: string, model: FittedCorpusModel, extended?: { modelId: string; fittedAt: string; fitTokens: number }): Promise<CorpusModelInfo> {
  const onnx = encodeEmbeddingTableModel({ table: model.table, rows: model.tokens.length, dims: model.dims });
  const tokenizer = JSON.stringify(tokenizerJson(model.tokens));
  // The id names the content, so two fits of the same texts share it and any other fit differs.
  const hash = createHash('sha256').update(onnx).update(tokenizer).digest('hex').slice(0, 12);
  const info: CorpusModelInfo = {
    format: 1,
    kind: 'corpus',
    modelId: extended?.modelId ?? `quire-corpus-${hash}`,
    dims: model.dims,
    vocabularySize: model.vocabularySize,
    tokens: model.tokens.length,
    texts: model.texts,
    contexts: model.contexts,
    svd: model.svd,
    fittedAt: extended?.fittedAt ?? new Date().toISOString(),
    fitTokens: extended?.fitTokens ?? model.tokens.length,
  };
  const config = { model_type: 'bert', architectures: ['BertModel'], hidden_size: model.dims, vocab_size: model.tokens.length, pad_token_id: 0 };
  await mkdir(path.join(dir, 'onnx'), { recursive: true });
  await Promise.all([
    writeFile(path.join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`),
    writeFile(path.join(dir, 'tokenizer.json'), tokenizer),
    writeFile(path.join(dir, 'tokenizer_config.json'), `${JSON.stringify(tokenizerConfig(), null, 2)}\n`),
    writeFile(path.join(dir, ONNX_FILE), onnx),
  ]);
  // Written last: its presence marks a complete model directory.
  await writeFile(path.join(dir, MODEL_INFO_FILE), `${JSON.stringify(info, null, 2)}\n`);
  return info;
}

export async function readCorpusModelInfo(dir: string): Promise<CorpusModelInfo> {
  const file = path.join(dir, MODEL_INFO_FILE);
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (cause) {
    throw new QuireError('index_corrupt', `No corpus embedding model in ${dir}: ${file} is missing.`, { cause });
  }
  const parsed = modelInfoSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) {
    throw new QuireError('index_corrupt', `${file} is not a Quire corpus model description: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
  }
  return parsed.data;
}
