/**
 * Ingest's chunk analysis gives the same analyses on its worker thread as
 * in-process, keeps the previous build's for unchanged chunks, and reports progress.
 */
import { describe, expect, it } from 'vitest';
import { analysisColumns } from '../../../src/index/analysis-columns.js';
import { analyseChunks } from '../../../src/ingest/analyse.js';
import type { PreviousBuild } from '../../../src/index/previous.js';
import { analyseText } from '../../../src/text/analysis.js';
import type { Chunk } from '../../../src/types.js';

const TEXTS = [
  'On 3 May 1999 the treasurer, J. R. Smith, paid $5 million. Prices fell by 12.4 percent.',
  'Sergei Shoigu visited Pakistan in 2014. It was the first such visit.',
  'Gas flows through the pipeline at 30 billion cubic metres a year.',
];
const chunks: Chunk[] = TEXTS.map((text, n) => ({ id: `d:${n}`, docId: 'd', n, text, start: 0, end: text.length }));

describe('analyseChunks', () => {
  it('analyses on a worker thread exactly as in-process, reusing unchanged chunks’ stored analyses', async () => {
    const stored = { sentences: [] };
    const previous = { chunks: new Map([['d:1', chunks[1]]]), analysis: () => stored } as unknown as PreviousBuild;
    const progress: number[] = [];
    const threaded = await analyseChunks(chunks, previous, (done) => progress.push(done), { threadFrom: 0 }).analyses;
    expect(threaded).toEqual(analysisColumns([analyseText(TEXTS[0]!), stored, analyseText(TEXTS[2]!)]));
    expect(progress.at(-1)).toBe(3);
    expect(await analyseChunks(chunks, null, () => {}).analyses).toEqual(analysisColumns(TEXTS.map(analyseText)));
  });

  it('fails when the progress callback throws, on the thread as in-process', async () => {
    const fail = () => {
      throw new Error('stop');
    };
    await expect(analyseChunks(chunks, null, fail, { threadFrom: 0 }).analyses).rejects.toThrow('stop');
    expect(() => analyseChunks(chunks, null, fail)).toThrow('stop');
  });
});
