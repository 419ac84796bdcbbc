/**
 * The corpus model opened over its table (no ONNX session) against the same
 * model through transformers.js's session: the same vectors bit for bit, on
 * texts of very different lengths in one call (padding), a text longer than
 * the model's length (truncation) and a text with no known word; with every
 * row in memory and with most of them read from the file.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitCorpusTable, writeCorpusModel } from '../../../src/embedding/corpus-model/index.js';
import { openCorpusEmbedder } from '../../../src/embedding/embedder.js';
import { readCorpusModelData } from '../../../src/embedding/corpus-model-data.js';
import { openTableEmbedder } from '../../../src/embedding/table-embedder.js';
import { isQuireError } from '../../../src/errors.js';
import { POOLING_TEXTS as TEXTS } from './pooling.js';

// Past the tokenizer's model_max_length (4096): truncated on both paths.
const LONG = Array.from({ length: 900 }, (_, i) => TEXTS[i % TEXTS.length]).join(' ');

async function fittedModelDir(): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'quire-table-embedder-')), 'model');
  await writeCorpusModel(dir, fitCorpusTable(TEXTS.filter((t) => !t.startsWith('zyx')), 8));
  return dir;
}

describe('openTableEmbedder', () => {
  it.each([undefined, 3])('gives the ONNX session path’s vectors bit for bit, at every batch size (%s rows in memory)', async (hotRows) => {
    const dir = await fittedModelDir();
    const data = await readCorpusModelData(dir, hotRows === undefined ? {} : { hotRows });
    expect(data.hot.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(data.rest.byteLength > 0).toBe(hotRows !== undefined);
    const texts = [...TEXTS, LONG];
    for (const batchSize of [1, 3, 32]) {
      const session = await openCorpusEmbedder(dir, { batchSize });
      const table = openTableEmbedder(data, { batchSize });
      expect(table.modelId).toBe(session.modelId);
      expect(table.dims).toBe(session.dims);
      const expected = await session.embed(texts);
      const actual = await table.embed(texts);
      expect(actual.map((v) => Array.from(v))).toEqual(expected.map((v) => Array.from(v)));
      expect(actual[5]!.every((v) => v === 0)).toBe(true);
      await session.dispose?.();
    }
  });

  it('reads the rows left in the file after a later ingest removed it', async () => {
    const dir = await fittedModelDir();
    const session = await openCorpusEmbedder(dir, { batchSize: 4 });
    const expected = await session.embed(TEXTS);
    await session.dispose?.();
    const table = openTableEmbedder(await readCorpusModelData(dir, { hotRows: 2 }), { batchSize: 4 });
    await rm(dir, { recursive: true });
    expect((await table.embed(TEXTS)).map((v) => Array.from(v))).toEqual(expected.map((v) => Array.from(v)));
  });

  it.each([
    ['onnx/model.onnx', 'not an onnx graph'],
    ['tokenizer.json', '{"model": '],
  ])('refuses a model whose %s is damaged, as index_corrupt naming the file', async (file, bytes) => {
    const dir = await fittedModelDir();
    await writeFile(path.join(dir, file), bytes);
    const error = await readCorpusModelData(dir).catch((e: unknown) => e);
    expect(isQuireError(error) && error.code).toBe('index_corrupt');
    expect((error as Error).message).toContain(path.join(dir, file));
  });
});
