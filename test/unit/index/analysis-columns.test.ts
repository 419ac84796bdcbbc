/**
 * Ingest holds chunk analyses as analysis.bin's columns: each reads back as it was added,
 * lemma strings are kept once, and the columns cross to another thread by moving their buffers.
 */
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { analysisAt, analysisColumns, chunkCount, columnBuffers, type AnalysisColumns } from '../../../src/index/analysis-columns.js';
import type { TextAnalysis } from '../../../src/text/analysis.js';

const first: TextAnalysis = {
  sentences: [
    { start: 0, end: 12, lemmas: ['it', 'rise', '12.4', '%'], values: [{ kind: 'percent', start: 7, end: 12 }] },
    { start: 13, end: 30, lemmas: ['putin', 'leave'], values: [{ kind: 'person', start: 13, end: 18 }, { kind: 'date', start: 25, end: 29 }] },
  ],
};
const second: TextAnalysis = { sentences: [{ start: 0, end: 9, lemmas: ['putin', 'rise'], values: [] }] };

describe('analysis columns', () => {
  it('read back every analysis as it was added, empty ones too', () => {
    const analyses = [first, { sentences: [] }, second];
    const columns = analysisColumns(analyses);
    expect(chunkCount(columns)).toBe(3);
    expect(analyses.map((_, label) => analysisAt(columns, label))).toEqual(analyses);
  });

  it('keep each lemma string once, grown past their first allocation', () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({ sentences: [{ start: i, end: i + 1, lemmas: ['putin', `w${i % 7}`], values: [] }] }));
    const columns = analysisColumns(many);
    expect(columns.lemmas).toEqual(['putin', ...Array.from({ length: 7 }, (_, i) => `w${i}`)]);
    expect(columns.lemmaIds.length).toBe(6000);
    expect(analysisAt(columns, 2999)).toEqual(many[2999]);
  });

  it('move to another thread without a copy', () => {
    const columns = analysisColumns([first, second]);
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(columns, columnBuffers(columns));
    expect(columns.lemmaIds.length).toBe(0);
    const moved = receiveMessageOnPort(port2)!.message as AnalysisColumns;
    expect([analysisAt(moved, 0), analysisAt(moved, 1)]).toEqual([first, second]);
    port1.close();
  });
});
