/**
 * The chunk analysis stored at ingest: what the loaded index hands to answering is what
 * analysing the chunk afresh gives, a re-ingest reuses it, and an index from before it
 * existed (an earlier format) is refused with the advice to re-ingest.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { ingest } from '../../src/ingest/ingest.js';
import { currentBuildDir } from '../../src/index/layout.js';
import { openIndex, type LoadedIndex } from '../../src/index/open.js';
import { silentLogger } from '../../src/log.js';
import { createRetriever } from '../../src/retrieval/retriever.js';
import { analyseText } from '../../src/text/analysis.js';
import { buildDefaultIndex, chunksOf } from '../helpers/fixtures.js';

describe('stored chunk analysis', () => {
  let config: Config;
  let index: LoadedIndex;

  beforeAll(async () => {
    ({ config } = await buildDefaultIndex());
    index = await openIndex(config);
  });

  it('is the same analysis as computing it fresh (every fifth chunk)', () => {
    const sample = chunksOf(index).filter((_, i) => i % 5 === 0);
    expect(sample.length).toBeGreaterThan(5);
    for (const chunk of sample) expect(index.analysis(chunk.id)).toEqual(analyseText(chunk.text));
  });

  it('is handed with every retrieved chunk to answering', async () => {
    const hits = await createRetriever(index).retrieve('How much will the gas pipeline cost?', { topK: 6, candidateK: 20, rrfK: 60 });
    expect(hits).toHaveLength(6);
    for (const hit of hits) expect(hit.analysis).toEqual(index.analysis(hit.chunk.id));
  });

  it('covers every chunk, with sentence and value offsets inside the chunk text', () => {
    for (const chunk of chunksOf(index)) {
      const { sentences } = index.analysis(chunk.id)!;
      expect(sentences.length).toBeGreaterThan(0);
      for (const sentence of sentences) {
        expect(sentence.end).toBeLessThanOrEqual(chunk.text.length);
        for (const value of sentence.values) expect(value.start >= sentence.start && value.end <= sentence.end).toBe(true);
      }
    }
    expect(index.analysis('no-such-doc:0')).toBeUndefined();
  });

  it('holds the values answering needs: the pipeline chunk has its decimal and its year', () => {
    const chunk = chunksOf(index).find((c) => c.text.includes('12.4 billion cubic metres'))!;
    const values = index.analysis(chunk.id)!.sentences.flatMap((s) => s.values.map((v) => ({ kind: v.kind, text: chunk.text.slice(v.start, v.end) })));
    expect(values.some((v) => v.text.includes('12.4'))).toBe(true);
    expect(values.some((v) => v.kind === 'place' || v.kind === 'person' || v.kind === 'organization')).toBe(true);
  });

  it('is reused by a re-ingest of unchanged documents', async () => {
    const before = await readFile(path.join((await currentBuildDir(config.indexDir))!, 'analysis.bin'));
    await ingest({ config, log: silentLogger });
    const after = await readFile(path.join((await currentBuildDir(config.indexDir))!, 'analysis.bin'));
    expect(after.equals(before)).toBe(true);
  });

  it('refuses an index of the previous format, saying to re-ingest', async () => {
    const dir = (await currentBuildDir(config.indexDir))!;
    const manifestFile = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
    await writeFile(manifestFile, JSON.stringify({ ...manifest, formatVersion: 3 }));
    await expect(openIndex(config)).rejects.toMatchObject({ code: 'index_incompatible', message: expect.stringMatching(/format version 3; this Quire reads version 4.*Re-ingest.*quire ingest/) });
  });
});
