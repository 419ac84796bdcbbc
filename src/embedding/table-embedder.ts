/**
 * A corpus model opened without an ONNX session. The model is nothing but an
 * embedding-table lookup (onnx-table.ts), so its token rows are read from the
 * table itself and pooled by the loop the session path uses (pooling.ts): the
 * same tokenizer, the same float32 rows added in the same order, hence the same
 * vectors bit for bit (test/unit/embedding/table-embedder.test.ts). The table
 * lives in a SharedArrayBuffer read once by the server, so its compute workers
 * share one copy instead of each loading the model into its own ONNX session
 * (tens of MB a thread at 100k chunks, and seconds to start).
 * @module
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { QuireError } from '../errors.js';
import type { Embedder } from './embedder.js';
import { libraryTokenizer } from './corpus-model/tokenizer.js';
import { ONNX_FILE, readCorpusModelInfo } from './corpus-model/write.js';
import { decodeEmbeddingTableModel } from './onnx-table.js';
import { inLengthBatches } from './pipeline.js';
import { poolRowsNormalized } from './pooling.js';

/** A corpus model as plain data a worker thread can be posted: its table is a SharedArrayBuffer view. */
export interface CorpusModelData {
  modelId: string;
  dims: number;
  /** `tokenizer.json` and `tokenizer_config.json`, parsed. */
  tokenizer: Record<string, unknown>;
  tokenizerConfig: Record<string, unknown>;
  /** Row-major `[tokens, dims]`. */
  table: Float32Array;
}

/** Reads the corpus model in `dir` (written by writeCorpusModel), its table into shared memory; a file that does not read is index_corrupt. */
export async function readCorpusModelData(dir: string): Promise<CorpusModelData> {
  const info = await readCorpusModelInfo(dir);
  const readJson = (name: string) => readModelFile(dir, name, (bytes) => JSON.parse(bytes.toString('utf8')) as Record<string, unknown>);
  const { table, dims } = await readModelFile(dir, ONNX_FILE, (bytes) => decodeEmbeddingTableModel(bytes, (n) => new SharedArrayBuffer(n)));
  if (dims !== info.dims) throw new QuireError('index_corrupt', `${path.join(dir, ONNX_FILE)} holds ${dims}-dimensional rows, not the ${info.dims} its model says.`);
  return { modelId: info.modelId, dims, tokenizer: await readJson('tokenizer.json'), tokenizerConfig: await readJson('tokenizer_config.json'), table };
}

async function readModelFile<T>(dir: string, name: string, parse: (bytes: Buffer) => T): Promise<T> {
  const file = path.join(dir, name);
  try {
    return parse(await readFile(file));
  } catch (cause) {
    throw new QuireError('index_corrupt', `${file} does not load: ${cause instanceof Error ? cause.message : String(cause)}.`, { cause });
  }
}

/** The embedder of a corpus model read by readCorpusModelData. */
export function openTableEmbedder(model: CorpusModelData, o: { batchSize: number }): Embedder {
  const tokenizer = libraryTokenizer(model.tokenizer, model.tokenizerConfig);
  const { dims, table } = model;
  const embedBatch = (texts: string[]): Float32Array[] => {
    // As the feature-extraction pipeline tokenizes (pipeline.ts): padded to the batch's longest, truncated at the model's length.
    const inputs = tokenizer(texts, { padding: true, truncation: true });
    const [rows = 0, seq = 0] = inputs.input_ids.dims as number[];
    const ids = inputs.input_ids.data as BigInt64Array;
    const mask = inputs.attention_mask.data as BigInt64Array;
    const starts = new Int32Array(rows * seq);
    for (let i = 0; i < starts.length; i++) starts[i] = mask[i] === 0n ? -1 : Number(ids[i]) * dims;
    return poolRowsNormalized(table, starts, rows, seq, dims);
  };
  return { kind: 'corpus', modelId: model.modelId, dims, embed: (texts) => inLengthBatches(texts, o.batchSize, embedBatch) };
}
