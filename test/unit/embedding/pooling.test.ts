/**
 * Quire's pooling loop against transformers.js's own `mean_pooling` +
 * `normalize`, on both model shapes: the corpus model (no special tokens) and
 * the BERT-shaped tiny model (MiniLM's WordPiece with [CLS]/[SEP]). Texts of very
 * different lengths in one call, so batches carry padding, and a text with no
 * known word.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitCorpusTable, writeCorpusModel } from '../../../src/embedding/corpus-model/index.js';
import { embedBatches, loadExtractor, type FeatureExtractionPipeline } from '../../../src/embedding/pipeline.js';
import { meanPoolNormalized } from '../../../src/embedding/pooling.js';
import { createTinyBertModelsDir, TINY_BERT_ID } from '../../helpers/tiny-bert.js';
import { maxDifference, POOLING_TEXTS as TEXTS } from './pooling.js';


const temp = (prefix: string) => mkdtemp(path.join(tmpdir(), `quire-${prefix}-`));

/** The library's pooling, one batch at a time, NaN (a zero mean) reported as the zero vector. */
async function libraryVectors(extractor: FeatureExtractionPipeline, texts: readonly string[], batchSize: number): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (let from = 0; from < texts.length; from += batchSize) {
    const tensor = await extractor(texts.slice(from, from + batchSize), { pooling: 'mean', normalize: true });
    const [rows = 0, dims = 0] = tensor.dims;
    for (let i = 0; i < rows; i++) {
      const vector = (tensor.data as Float32Array).slice(i * dims, (i + 1) * dims);
      out.push(vector.some(Number.isNaN) ? vector.fill(0) : vector);
    }
  }
  return out;
}

async function expectSameAsLibrary(extractor: FeatureExtractionPipeline) {
  for (const batchSize of [1, 3, 32]) {
    const ours = await embedBatches(extractor, TEXTS, batchSize);
    const theirs = await libraryVectors(extractor, TEXTS, batchSize);
    expect(ours).toHaveLength(TEXTS.length);
    ours.forEach((vector, i) => expect(maxDifference(vector, theirs[i]!)).toBeLessThan(1e-5));
  }
}

describe('embedBatches pools like transformers.js', () => {
  it('on the corpus model', async () => {
    const dir = path.join(await temp('pooling-corpus'), 'model');
    await writeCorpusModel(dir, fitCorpusTable(TEXTS.filter((t) => !t.startsWith('zyx')), 8));
    const extractor = await loadExtractor({ root: path.dirname(dir), modelId: path.basename(dir), quantized: false });
    await expectSameAsLibrary(extractor);
    expect((await embedBatches(extractor, ['zyxwv'], 1))[0]!.every((v) => v === 0)).toBe(true);
  });

  it('on the BERT-shaped model, [CLS] and [SEP] included', async () => {
    const root = createTinyBertModelsDir(await temp('pooling-bert'), 16);
    const extractor = await loadExtractor({ root, modelId: TINY_BERT_ID, quantized: true });
    await expectSameAsLibrary(extractor);
  });
});

describe('meanPoolNormalized', () => {
  it('averages only the unmasked token rows of each row, then normalises', () => {
    // 2 rows × 3 tokens × 2 dims; row 0 has one padding token, row 1 none.
    const hidden = Float32Array.from([3, 0, 0, 4, 100, 100, 1, 1, 1, 1, 0, 0]);
    const mask = Uint8Array.from([1, 1, 0, 1, 1, 1]);
    const [a, b] = meanPoolNormalized(hidden, mask, 2, 3, 2);
    expect(Array.from(a!)).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
    expect(Array.from(b!)).toEqual([expect.closeTo(Math.SQRT1_2, 6), expect.closeTo(Math.SQRT1_2, 6)]);
  });
});
