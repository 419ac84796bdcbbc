/**
 * The corpus model as the corpus grows: a small addition is folded in (its new
 * words get vectors from their contexts, nothing else is re-embedded, every
 * existing row and vector stays as it was); an addition that makes many words
 * new refits the model automatically and re-embeds everything.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { unseenWordRate } from '../../src/embedding/corpus-model/index.js';
import { ONNX_FILE } from '../../src/embedding/corpus-model/write.js';
import { decodeEmbeddingTableModel } from '../../src/embedding/onnx-table.js';
import { seededRandom } from '../../src/embedding/corpus-model/random.js';
import { ingest } from '../../src/ingest/ingest.js';
import { openIndex } from '../../src/index/open.js';
import { silentLogger } from '../../src/log.js';
import { buildDefaultIndex, chunksOf } from '../helpers/fixtures.js';

const NEW_WORD = 'zorbastan';
const SMALL_ADDITION =
  `Zorbastan news\n\nThe Zorbastan gas pipeline will carry liquefied natural gas from Karachi to Lahore. ` +
  `Engineers say the Zorbastan pipeline is the longest gas pipeline in Pakistan, and Russia will help build it.\n`;

const table = async (buildDir: string) => decodeEmbeddingTableModel(await readFile(path.join(buildDir, 'model', ONNX_FILE)));

describe('corpus model growth', () => {
  let config: Config;

  beforeAll(async () => {
    ({ config } = await buildDefaultIndex());
  });

  it('folds the new words of a small addition in and embeds only its chunks', async () => {
    const before = await openIndex(config);
    await writeFile(path.join(config.corpusDir, 'zorbastan.txt'), SMALL_ADDITION);
    const summary = await ingest({ config, log: silentLogger });
    const after = await openIndex(config);

    expect(summary.corpusModel).toMatchObject({ refitted: false, refitReason: null });
    expect(summary.corpusModel!.foldedWords).toBeGreaterThanOrEqual(1);
    expect(summary.embedded).toBe(after.manifest.documents.find((doc) => doc.id === 'zorbastan')!.chunkIds.length);
    expect(after.manifest.embedder.modelId).toBe(before.manifest.embedder.modelId);

    // Every row the model had is unchanged; the new word has a row of its own.
    const [old, grown] = [await table(before.buildDir), await table(after.buildDir)];
    expect(grown.rows).toBe(old.rows + summary.corpusModel!.foldedWords);
    expect(grown.table.subarray(0, old.table.length)).toEqual(old.table);
    const [wordVector] = await after.embedder.embed([NEW_WORD]);
    expect(wordVector!.some((v) => v !== 0)).toBe(true);

    // An unchanged chunk keeps its vector; the new word alone finds the new document.
    const kept = before.chunk(0).id;
    expect(after.vectors.vector(after.labelOf(kept)!)).toEqual(before.vectors.vector(before.labelOf(kept)!));
    const [hit] = after.vectors.search(wordVector!, 1);
    expect(after.chunk(hit!.label).docId).toBe('zorbastan');

    // Folded words still count as unseen by the fit, so many small additions add up to a refit.
    expect(await unseenWordRate(path.join(after.buildDir, 'model'), [NEW_WORD])).toBe(1);
  });

  it('refits automatically when many words are new, and re-embeds everything', async () => {
    const random = seededRandom(5);
    const syllables = ['ka', 'ro', 'vi', 'stan', 'mir', 'lo', 'zu', 'ten', 'qu', 'dor'];
    const madeUp = () => Array.from({ length: 3 + Math.floor(random() * 3) }, () => syllables[Math.floor(random() * syllables.length)]).join('');
    const sentences = Array.from({ length: 300 }, () => `${Array.from({ length: 10 }, madeUp).join(' ')}.`);
    await writeFile(path.join(config.corpusDir, 'new-language.txt'), `New language\n\n${sentences.join(' ')}\n`);
    const summary = await ingest({ config, log: silentLogger });
    expect(summary.corpusModel).toMatchObject({ refitted: true, refitReason: 'new vocabulary', foldedWords: 0 });
    expect(summary.corpusModel!.unseenWordRate).toBeGreaterThan(0.05);
    expect(summary.embedded).toBe(summary.chunks);
    const index = await openIndex(config);
    expect(await unseenWordRate(path.join(index.buildDir, 'model'), chunksOf(index).map((chunk) => chunk.text))).toBe(0);
  });
});
