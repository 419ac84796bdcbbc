/**
 * The binary files of a build (chunks.bin, lexical.bin) read back exactly as
 * written, into shared memory (chunk texts: from the file), and refuse damaged
 * bytes as index_corrupt.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkAt, chunkDocIds, readChunkTable, writeChunks } from '../../../src/index/chunk-file.js';
import { readLexical, writeLexical } from '../../../src/index/lexical-file.js';
import type { Manifest } from '../../../src/index/manifest.js';
import { buildLexicalIndex, searchLexical } from '../../../src/retrieval/bm25.js';
import type { Chunk } from '../../../src/types.js';
import { tempDir } from '../../helpers/fixtures.js';

const chunks: Chunk[] = [
  { id: 'lavrov:0', docId: 'lavrov', n: 0, text: 'Lavrov arrived in Islamabad.', start: 0, end: 28 },
  { id: 'lavrov:1', docId: 'lavrov', n: 1, text: 'Gas pipeline talks — «North–South» — went on.', start: 20, end: 66 },
  { id: 'casa:0', docId: 'casa', n: 0, text: '', start: 0, end: 0 },
  { id: 'casa:1', docId: 'casa', n: 1, text: 'CASA-1000 brings électricité from Kyrgyzstan 🇰🇬.', start: 5, end: 52 },
];
const manifest = { labels: chunks.map((c) => c.id), documents: [] } as unknown as Manifest;

describe('chunks.bin', () => {
  it('reads every chunk back as written, its columns in shared memory and its texts from the file', async () => {
    const dir = await tempDir('chunks');
    await writeChunks(dir, chunks);
    const table = readChunkTable(dir, manifest);
    expect(table.textStarts.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(table.text).toMatchObject({ file: path.join(dir, 'chunks.bin'), byteLength: Buffer.byteLength(chunks.map((c) => c.text).join('')) });
    const docIds = chunkDocIds(table);
    expect(chunks.map((_, label) => chunkAt(table, label, manifest.labels[label]!, docIds))).toEqual(chunks);
  });

  it('keeps reading texts of a build whose file was removed after it was opened (a later ingest pruned it)', async () => {
    const dir = await tempDir('chunks');
    await writeChunks(dir, chunks);
    const table = readChunkTable(dir, manifest);
    await rm(path.join(dir, 'chunks.bin'));
    expect(chunkAt(table, 3, manifest.labels[3]!, chunkDocIds(table))).toEqual(chunks[3]);
  });

  it('is index_corrupt when it does not hold the manifest’s chunks, or its bytes changed', async () => {
    const dir = await tempDir('chunks');
    const file = path.join(dir, 'chunks.bin');
    await writeChunks(dir, chunks);
    const more = { ...manifest, labels: [...manifest.labels, 'casa:2'] };
    expect(() => readChunkTable(dir, more)).toThrow(expect.objectContaining({ code: 'index_corrupt', message: `${file} does not hold the 5 chunks its manifest names.` }));
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, bytes.length - 3));
    expect(() => readChunkTable(dir, manifest)).toThrow(expect.objectContaining({ code: 'index_corrupt', message: expect.stringContaining(file) }));
  });
});

describe('lexical.bin', () => {
  const texts = [...chunks.map((c) => c.text), 'Russia and Pakistan signed the gas pipeline deal', 'pipeline pipeline gas'];

  it('reads back the searchable index exactly: same arrays, same ranking and scores', async () => {
    const dir = await tempDir('lexical');
    const built = buildLexicalIndex(texts);
    await writeLexical(dir, built);
    const read = readLexical(dir, texts.length);
    expect(read).toEqual(built);
    expect(read.labels.buffer).toBeInstanceOf(SharedArrayBuffer);
    for (const query of ['gas pipeline', 'Lavrov Islamabad', 'électricité', 'nothing here']) {
      expect(searchLexical(read, query, 3)).toEqual(searchLexical(built, query, 3));
    }
  });

  it('is index_corrupt for another chunk count or a file of another kind', async () => {
    const dir = await tempDir('lexical');
    const file = path.join(dir, 'lexical.bin');
    await writeLexical(dir, buildLexicalIndex(texts));
    expect(() => readLexical(dir, texts.length + 1)).toThrow(expect.objectContaining({ code: 'index_corrupt', message: expect.stringContaining(file) }));
    await writeFile(file, JSON.stringify({ k1: 1.2, b: 0.75, postings: {} }));
    expect(() => readLexical(dir, texts.length)).toThrow(expect.objectContaining({ code: 'index_corrupt', message: `${file} is not a Quire index file.` }));
  });
});
