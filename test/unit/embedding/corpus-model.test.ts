/**
 * The corpus model end to end: fitted in JS, written in the transformers.js
 * layout, loaded back through the real pipeline, and checked against the
 * table it was written from; then retrieval on the default corpus.
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fitCorpusModel, fitCorpusTable, unseenWordRate, writeCorpusModel, type FittedCorpusModel } from '../../../src/embedding/corpus-model/index.js';
import { libraryTokenizer } from '../../../src/embedding/corpus-model/library-tokenizer.js';
import { tokenizerConfig, tokenizerJson } from '../../../src/embedding/corpus-model/tokenizer.js';
import { openCorpusEmbedder, openNeuralEmbedder, type Embedder } from '../../../src/embedding/embedder.js';
import { defaultCorpusDir } from '../../helpers/default-corpus.js';
import { createTinyBertModelsDir, TINY_BERT_ID } from '../../helpers/tiny-bert.js';
import { dot, maxDifference, meanPooled, norm } from './pooling.js';

const TEXTS = [
  'Russia will build the gas pipeline from Karachi to Lahore, a 1,100 kilometre pipeline for natural gas.',
  'The North-South gas pipeline will carry liquefied natural gas from the port of Karachi to Lahore.',
  'Construction of the pipeline is expected to begin soon, and gas will flow to Punjab.',
  'Pakistan won the cricket match in Lahore after a brilliant innings by the captain.',
  'The cricket team celebrated the win; the captain praised the bowlers and the fielding.',
  'A test match of cricket lasts five days and the bowlers tire by the last innings.',
  'Pakistan received doses of the Sputnik vaccine against Covid from Russia.',
  'The vaccine doses were given to health workers first, then to older citizens.',
  'Russia offered more vaccine doses, and Pakistan plans to produce the vaccine locally.',
];

const temp = (prefix: string) => mkdtemp(path.join(tmpdir(), `quire-${prefix}-`));

describe('corpus model on a small set of texts', () => {
  let model: FittedCorpusModel;
  let dir: string;
  let embedder: Embedder;

  beforeAll(async () => {
    model = fitCorpusTable(TEXTS, 16);
    dir = path.join(await temp('corpus-model'), 'model');
    await writeCorpusModel(dir, model);
    embedder = await openCorpusEmbedder(dir, { batchSize: 4 });
  });

  it('is written in the transformers.js layout with Quire metadata', async () => {
    expect((await readdir(dir)).sort()).toEqual(['config.json', 'onnx', 'quire-model.json', 'tokenizer.json', 'tokenizer_config.json']);
    expect(await readdir(path.join(dir, 'onnx'))).toEqual(['model.onnx']);
    const config = JSON.parse(await readFile(path.join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({ model_type: 'bert', hidden_size: model.dims });
    const info = JSON.parse(await readFile(path.join(dir, 'quire-model.json'), 'utf8')) as Record<string, unknown>;
    expect(info).toMatchObject({ kind: 'corpus', dims: model.dims, vocabularySize: model.vocabularySize, texts: TEXTS.length });
    expect(new Date(info.fittedAt as string).getTime()).not.toBeNaN();
    expect(embedder).toMatchObject({ kind: 'corpus', modelId: info.modelId, dims: model.dims });
    expect(embedder.modelId).toMatch(/^quire-corpus-[0-9a-f]{12}$/);
  });

  it('has [PAD] = 0 and [UNK] = 1, with zero vectors for them and for the suffix pieces', () => {
    expect(model.tokens.slice(0, 2)).toEqual(['[PAD]', '[UNK]']);
    const zeroRows = model.tokens.flatMap((token, id) => (model.table.subarray(id * model.dims, (id + 1) * model.dims).every((v) => v === 0) ? [token] : []));
    expect(zeroRows).toEqual(model.tokens.filter((token) => token.startsWith('##') || token.startsWith('[')));
  });

  it('embeds through transformers.js exactly as mean pooling of the fitted table in JS', async () => {
    const tokenizer = libraryTokenizer(tokenizerJson(model.tokens), tokenizerConfig());
    const texts = [...TEXTS, 'Gas pipelines and cricket matches, with unknown words like zyzzyva.'];
    const vectors = await embedder.embed(texts);
    texts.forEach((text, i) => {
      const expected = meanPooled(model.table, model.dims, tokenizer.encode(text));
      expect(maxDifference(vectors[i]!, expected)).toBeLessThan(1e-5);
      expect(norm(vectors[i]!)).toBeCloseTo(1, 5);
    });
  });

  it('scores related texts above unrelated ones', async () => {
    const [query, pipeline, cricket, vaccine] = await embedder.embed(['When will construction of the gas pipeline begin?', TEXTS[1]!, TEXTS[4]!, TEXTS[7]!]);
    expect(dot(query!, pipeline!)).toBeGreaterThan(dot(query!, cricket!));
    expect(dot(query!, pipeline!)).toBeGreaterThan(dot(query!, vaccine!));
    const [bowlers, innings] = await embedder.embed(['bowlers', 'innings']);
    expect(dot(bowlers!, innings!)).toBeGreaterThan(dot(bowlers!, pipeline!));
  });

  it('maps an unseen inflection to its stem through the suffix pieces', async () => {
    expect(TEXTS.join(' ')).not.toMatch(/pipelines|matches/);
    const tokenizer = libraryTokenizer(tokenizerJson(model.tokens), tokenizerConfig());
    expect(tokenizer._encode_text('pipelines matches')).toEqual(['pipeline', '##s', 'match', '##es']);
    const [inflected, stem] = await embedder.embed(['pipelines matches', 'pipeline match']);
    expect(maxDifference(inflected!, stem!)).toBeLessThan(1e-6);
  });

  it('measures unseen words: none in the training texts, some in new vocabulary', async () => {
    expect(await unseenWordRate(dir, TEXTS)).toBe(0);
    expect(await unseenWordRate(dir, ['pipelines'])).toBe(0); // known through its stem
    expect(await unseenWordRate(dir, ['quantum chromodynamics', 'gas pipeline'])).toBe(0.5);
    expect(await unseenWordRate(dir, [])).toBe(0);
  });

  it('gives the zero vector to a text with no known word, and nothing for no texts', async () => {
    const [unknown, empty] = await embedder.embed(['zyzzyva quux', '']);
    expect(Array.from(unknown!).every((v) => v === 0)).toBe(true);
    expect(Array.from(empty!).every((v) => v === 0)).toBe(true);
    expect(await embedder.embed([])).toEqual([]);
  });

  it('is deterministic: the same texts give the same model id', async () => {
    const again = path.join(await temp('corpus-model-again'), 'model');
    await fitCorpusModel(TEXTS, { dims: 16, dir: again });
    expect((await openCorpusEmbedder(again, { batchSize: 4 })).modelId).toBe(embedder.modelId);
  });

  it('never lets a neural load and a corpus load race on the global env', async () => {
    const modelsDir = createTinyBertModelsDir(await temp('tiny-bert'), 8);
    const [neural, corpus] = await Promise.all([
      openNeuralEmbedder({ modelId: TINY_BERT_ID, modelsDir, timeoutMs: 60_000, batchSize: 4 }),
      openCorpusEmbedder(dir, { batchSize: 4 }),
      openNeuralEmbedder({ modelId: TINY_BERT_ID, modelsDir, timeoutMs: 60_000, batchSize: 4 }),
    ]);
    expect([neural.dims, corpus.dims]).toEqual([8, model.dims]);
    expect(await corpus.embed(['gas pipeline'])).toEqual(await embedder.embed(['gas pipeline']));
  });

  it('reports a directory without a model as a corrupt index', async () => {
    await expect(openCorpusEmbedder(await temp('empty'), { batchSize: 4 })).rejects.toMatchObject({ code: 'index_corrupt', message: expect.stringContaining('quire-model.json') });
  });
});

describe('corpus model on the default corpus', () => {
  const corpusDir = defaultCorpusDir;
  let paragraphs: string[];
  let embedder: Embedder;

  beforeAll(async () => {
    // The default corpus keeps one paragraph per line; headings and bylines are shorter than 8 words.
    const files = (await readdir(corpusDir)).sort();
    const texts = await Promise.all(files.map((file) => readFile(path.join(corpusDir, file), 'utf8')));
    paragraphs = texts.flatMap((text) => text.split(/\n+/).map((line) => line.trim()).filter((line) => line.split(/\s+/).length >= 8));
    const dir = path.join(await temp('default-corpus-model'), 'model');
    const { vocabularySize, dims } = await fitCorpusModel(paragraphs, { dims: 256, dir });
    expect(vocabularySize).toBeGreaterThan(1_500);
    expect(dims).toBe(256);
    embedder = await openCorpusEmbedder(dir, { batchSize: 32 });
  });

  const rankOf = async (question: string, needle: string) => {
    const [query, ...vectors] = await embedder.embed([question, ...paragraphs]);
    const order = vectors.map((v, i) => ({ i, score: dot(query!, v) })).sort((a, b) => b.score - a.score);
    return order.findIndex(({ i }) => paragraphs[i]!.includes(needle)) + 1;
  };

  it('ranks the paragraph with the answer among the top 5', async () => {
    expect(paragraphs.filter((p) => p.includes('12.4 billion cubic metres'))).toHaveLength(1);
    expect(await rankOf('How much gas will the Karachi-Lahore pipeline carry each year?', '12.4 billion cubic metres')).toBeLessThanOrEqual(5);
    expect(await rankOf('Which air defence system is India buying from Russia?', 'S-400')).toBeLessThanOrEqual(5);
    expect(await rankOf('What are the joint military exercises of Russia and Pakistan called?', 'Druzhba')).toBeLessThanOrEqual(5);
  });
});
