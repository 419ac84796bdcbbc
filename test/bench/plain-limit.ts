/**
 * The plain-JS embedding limit for a corpus model: the library's tokenizer
 * (the part any embedding path keeps) plus a table sum and normalisation in a
 * plain loop, no ONNX session and no tensors. The ingest's embed phase is
 * compared with this on the same texts.
 * @module
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { libraryTokenizer } from '../../src/embedding/corpus-model/library-tokenizer.js';
import { decodeEmbeddingTableModel } from '../../src/embedding/onnx-table.js';

export interface PlainTableModel {
  encode(text: string): number[];
  table: Float32Array;
  dims: number;
}

/** Reads a corpus model directory: its tokenizer through transformers.js, its table out of the ONNX graph. */
export async function readPlainTableModel(modelDir: string): Promise<PlainTableModel> {
  const json = JSON.parse(await readFile(path.join(modelDir, 'tokenizer.json'), 'utf8')) as Record<string, unknown>;
  const config = JSON.parse(await readFile(path.join(modelDir, 'tokenizer_config.json'), 'utf8')) as Record<string, unknown>;
  const tokenizer = libraryTokenizer(json, config);
  const { table, dims } = decodeEmbeddingTableModel(await readFile(path.join(modelDir, 'onnx', 'model.onnx')));
  return { encode: (text) => tokenizer.encode(text), table, dims };
}

/** Mean of the token rows, L2-normalised (the mean's 1/n cancels in the normalisation). */
export function plainEmbed(model: PlainTableModel, text: string): Float32Array {
  const { table, dims } = model;
  const sum = new Float64Array(dims);
  for (const id of model.encode(text)) {
    const at = id * dims;
    for (let j = 0; j < dims; j++) sum[j]! += table[at + j]!;
  }
  let norm = 0;
  for (let j = 0; j < dims; j++) norm += sum[j]! * sum[j]!;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return Float32Array.from(sum, (v) => v * scale);
}
