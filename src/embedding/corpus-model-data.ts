/**
 * A build's corpus model as plain data a worker thread can be posted, read for
 * the table embedder (table-embedder.ts): its tokenizer files parsed, its most
 * frequent words' table rows in shared memory and where the others are in
 * model.onnx. Apart from the embedder so that a server's main thread, which
 * reads the build for its compute workers but never embeds, loads no
 * transformers.js.
 * @module
 */
import { closeSync, fstatSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { QuireError } from '../errors.js';
import { readFullyAt, type FileSection } from '../io/section-reads.js';
import { ONNX_FILE, readCorpusModelInfo } from './corpus-model/write.js';
import { locateTable } from './table-locate.js';

/** A corpus model as plain data a worker thread can be posted: its table is a SharedArrayBuffer view. */
export interface CorpusModelData {
  modelId: string;
  dims: number;
  /**
   * `tokenizer.json` and `tokenizer_config.json`, as JSON text (checked to parse). Text, not the parsed
   * object: every thread holds its copy of the build's data, and at 100k chunks the vocabulary's
   * object is some 7 MB where its text is 1.5.
   */
  tokenizer: string;
  tokenizerConfig: string;
  /** Rows 0 … `hot.length / dims` − 1 of the row-major `[tokens, dims]` table (the most frequent words'), in shared memory. */
  hot: Float32Array;
  /** The other rows, where they are in model.onnx. */
  rest: FileSection;
}

/** Table rows kept in memory: 16 MB at 256 dims, the words of some 99 % of a large corpus's tokens. */
export const HOT_ROWS = 16_384;

/**
 * Reads the corpus model in `dir` (written by writeCorpusModel), its first `hotRows` table rows
 * into shared memory; a file that does not read is index_corrupt.
 */
export async function readCorpusModelData(dir: string, { hotRows = HOT_ROWS } = {}): Promise<CorpusModelData> {
  const info = await readCorpusModelInfo(dir);
  const readJson = (name: string) =>
    readModelFile(dir, name, (bytes) => {
      const text = bytes.toString('utf8');
      JSON.parse(text);
      return text;
    });
  const file = path.join(dir, ONNX_FILE);
  const { hot, rest, dims } = await corruptUnlessRead(file, async () => readHotRows(file, hotRows));
  if (dims !== info.dims) throw new QuireError('index_corrupt', `${file} holds ${dims}-dimensional rows, not the ${info.dims} its model says.`);
  return { modelId: info.modelId, dims, tokenizer: await readJson('tokenizer.json'), tokenizerConfig: await readJson('tokenizer_config.json'), hot, rest };
}

async function readModelFile<T>(dir: string, name: string, parse: (bytes: Buffer) => T): Promise<T> {
  const file = path.join(dir, name);
  return corruptUnlessRead(file, async () => parse(await readFile(file)));
}

async function corruptUnlessRead<T>(file: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (cause) {
    throw new QuireError('index_corrupt', `${file} does not load: ${cause instanceof Error ? cause.message : String(cause)}.`, { cause });
  }
}

/**
 * The first `hotRows` rows of model.onnx's table, read straight into shared memory, and
 * where the others are: only the graph's small fields and those rows are read (table-locate.ts).
 */
function readHotRows(file: string, hotRows: number): Pick<CorpusModelData, 'hot' | 'rest' | 'dims'> {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    /** Bytes `at` … into `into` (fewer only at the end of the file). */
    const readAt = (at: number, into: Uint8Array): Uint8Array => into.subarray(0, readFullyAt(fd, into, at));
    const { offset, rows, dims } = locateTable({ size, read: (at, length) => readAt(at, new Uint8Array(length)) });
    const hotBytes = Math.min(rows, hotRows) * dims * 4;
    if (offset + rows * dims * 4 > size) throw new RangeError('the table runs past the end of the file');
    const hot = new Float32Array(new SharedArrayBuffer(hotBytes));
    readAt(offset, new Uint8Array(hot.buffer));
    return { hot, rest: { file, offset: offset + hotBytes, byteLength: rows * dims * 4 - hotBytes }, dims };
  } finally {
    closeSync(fd);
  }
}
