/**
 * The neural path on a tiny BERT-shaped model the test generates (a WordPiece
 * tokenizer configured as MiniLM's, over a random table): offline loading,
 * batching, normalisation, the real WordPiece, and the missing-weights error on
 * a models directory that has MiniLM's tokenizer and config but no weights.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BertTokenizer } from '@xenova/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { chooseEmbedder } from '../../../src/embedding/choose.js';
import { openNeuralEmbedder } from '../../../src/embedding/embedder.js';
import { createLogger } from '../../../src/log.js';
import { createTinyBertModelsDir, TINY_BERT_ID, tinyBertTable, tinyBertTokenizerConfig, tinyBertTokenizerJson } from '../../helpers/tiny-bert.js';
import { maxDifference, meanPooled, norm } from './pooling.js';

const DIMS = 32;
let modelsDir: string;
/** Tokenizer and config only, like `../shared/models`: loading fails for the missing weights. */
let weightlessDir: string;

beforeAll(async () => {
  modelsDir = createTinyBertModelsDir(await mkdtemp(path.join(tmpdir(), 'quire-tiny-bert-')), DIMS);
  weightlessDir = createTinyBertModelsDir(await mkdtemp(path.join(tmpdir(), 'quire-tiny-bert-no-weights-')), DIMS, { weights: false });
});

const open = (o: { modelsDir?: string; timeoutMs?: number } = {}) =>
  openNeuralEmbedder({ modelId: TINY_BERT_ID, modelsDir: o.modelsDir ?? modelsDir, timeoutMs: o.timeoutMs ?? 60_000, batchSize: 4 });

describe('openNeuralEmbedder', () => {
  it('loads offline from the models directory, with the width of its weights', async () => {
    const embedder = await open();
    expect(embedder).toMatchObject({ kind: 'neural', modelId: TINY_BERT_ID, dims: DIMS });
    const texts = ['gas pipeline', 'cricket match', 'vaccine doses', 'Lavrov visit', 'steel mills', 'gas pipeline'];
    const vectors = await embedder.embed(texts); // two batches of 4 and 2
    expect(vectors).toHaveLength(texts.length);
    for (const vector of vectors) {
      expect(vector).toBeInstanceOf(Float32Array);
      expect(vector).toHaveLength(DIMS);
      expect(norm(vector)).toBeCloseTo(1, 5);
    }
    expect(vectors[5]).toEqual(vectors[0]); // same text, different batch position → same vector
    expect(maxDifference(vectors[0]!, vectors[1]!)).toBeGreaterThan(0.01);
    await embedder.dispose?.();
  });

  it('runs the real WordPiece tokenizer, [CLS] and [SEP] included, before mean pooling', async () => {
    const tokenizer = new BertTokenizer(tinyBertTokenizerJson(), tinyBertTokenizerConfig());
    const text = 'Unaffable pipelines in Karachi';
    const ids = tokenizer.encode(text);
    expect(ids[0]).toBe(101); // [CLS]
    expect(ids.at(-1)).toBe(102); // [SEP]
    expect(ids.length).toBeGreaterThan(6); // sub-word pieces, not one id per word

    const embedder = await open();
    const [vector] = await embedder.embed([text]);
    expect(maxDifference(vector!, meanPooled(tinyBertTable(DIMS), DIMS, ids))).toBeLessThan(1e-5);
  });

  it('reports missing weights as model_missing, naming the file expected and what to do', async () => {
    const error = await open({ modelsDir: weightlessDir }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'QuireError', code: 'model_missing' });
    const { message } = error as Error;
    expect(message).toContain(path.join(weightlessDir, TINY_BERT_ID, 'onnx', 'model_quantized.onnx'));
    expect(message).toContain('QUIRE_EMBEDDER=corpus');
  });

  it('names the directory it expected when the model is not in the models directory at all', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'quire-no-models-'));
    await expect(open({ modelsDir: empty })).rejects.toMatchObject({ code: 'model_missing', message: expect.stringContaining(path.join(empty, TINY_BERT_ID)) });
  });

  it('bounds the load by timeoutMs, and the next load is unaffected', async () => {
    await expect(open({ timeoutMs: 1 })).rejects.toMatchObject({ code: 'model_missing', message: expect.stringMatching(/did not load .* within 1 ms/) });
    expect((await open()).dims).toBe(DIMS);
  });
});

describe('chooseEmbedder', () => {
  const capture = () => {
    const lines: { level: string; msg: string; reason?: string }[] = [];
    return { lines, log: createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line) as (typeof lines)[number]) }) };
  };
  const choose = (embedder: 'auto' | 'neural' | 'corpus', dir: string, log = capture().log) =>
    chooseEmbedder({ embedder, modelId: TINY_BERT_ID, modelsDir: dir, timeoutMs: 60_000, batchSize: 8, log });

  it('auto: the neural model when it loads', async () => {
    const { lines, log } = capture();
    const choice = await choose('auto', modelsDir, log);
    expect(choice.kind).toBe('neural');
    expect(lines.filter((line) => line.level === 'warn')).toEqual([]);
  });

  it('auto: falls back to the corpus model with exactly one warning saying why and what to do', async () => {
    const { lines, log } = capture();
    const choice = await choose('auto', weightlessDir, log);
    expect(choice).toEqual({ kind: 'corpus', fallbackReason: expect.stringContaining('model_quantized.onnx') });
    const warnings = lines.filter((line) => line.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.reason).toContain(path.join(weightlessDir, TINY_BERT_ID));
  });

  it('neural: throws the model_missing error instead of falling back', async () => {
    await expect(choose('neural', weightlessDir)).rejects.toMatchObject({ code: 'model_missing' });
  });

  it('corpus: never tries the neural model', async () => {
    const { lines, log } = capture();
    expect(await choose('corpus', '/nonexistent/models', log)).toEqual({ kind: 'corpus' });
    expect(lines).toEqual([]);
  });
});
