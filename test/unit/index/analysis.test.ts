import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analysisColumns } from '../../../src/index/analysis-columns.js';
import { analysisSource, readAnalyses, readAnalysisTable, writeAnalyses } from '../../../src/index/analysis.js';
import type { TextAnalysis } from '../../../src/text/analysis.js';
import { tempDir } from '../../helpers/fixtures.js';

const analysis: TextAnalysis = {
  sentences: [
    { start: 0, end: 12, lemmas: ['it', 'rise', '12.4', '%'], values: [{ kind: 'percent', start: 7, end: 12 }] },
    { start: 13, end: 30, lemmas: ['putin', 'leave'], values: [{ kind: 'person', start: 13, end: 18 }, { kind: 'date', start: 25, end: 29 }] },
  ],
};

describe('stored analyses', () => {
  it('read back as written', async () => {
    const dir = await tempDir('analysis');
    await writeAnalyses(dir, ['d:0', 'd:1'], analysisColumns([analysis, { sentences: [] }]));
    const source = readAnalyses(dir, ['d:0', 'd:1']);
    expect(source.analysis('d:0')).toEqual(analysis);
    expect(source.analysis('d:1')).toEqual({ sentences: [] });
    expect(source.analysis('d:2')).toBeUndefined();
  });

  it('keep their per-token columns in the file, still read after a later ingest removed it', async () => {
    const dir = await tempDir('analysis');
    await writeAnalyses(dir, ['d:0', 'd:1'], analysisColumns([{ sentences: [] }, analysis]));
    const table = readAnalysisTable(dir, 2);
    expect(table.lemmaIds).toEqual({ file: path.join(dir, 'analysis.bin'), offset: expect.any(Number), byteLength: 6 * 4 });
    const source = analysisSource(table, (id) => ['d:0', 'd:1'].indexOf(id));
    await rm(path.join(dir, 'analysis.bin'));
    expect(source.analysis('d:1')).toEqual(analysis);
    expect(source.analysis('d:0')).toEqual({ sentences: [] });
  });

  it('report damaged bytes or a missing chunk as index_corrupt, naming the file', async () => {
    const dir = await tempDir('analysis');
    const file = path.join(dir, 'analysis.bin');
    await writeAnalyses(dir, ['d:0'], analysisColumns([analysis]));
    expect(() => readAnalyses(dir, ['d:0', 'd:1'])).toThrow(expect.objectContaining({ code: 'index_corrupt', message: `${file} does not hold the analyses of 2 chunks.` }));
    const bytes = await readFile(file);
    bytes[bytes.length - 1]! ^= 1;
    await writeFile(file, bytes);
    expect(() => readAnalyses(dir, ['d:0'])).toThrow(expect.objectContaining({ code: 'index_corrupt', message: `${file} is damaged (its checksum does not match).` }));
    await writeFile(file, '{"id":"d:0"}\n');
    expect(() => readAnalyses(dir, ['d:0'])).toThrow(expect.objectContaining({ code: 'index_corrupt', message: `${file} is not a Quire index file.` }));
  });

  it('refuse a value kind the format has no number for', () => {
    const odd = { sentences: [{ start: 0, end: 3, lemmas: [], values: [{ kind: 'colour' as never, start: 0, end: 3 }] }] };
    expect(() => analysisColumns([odd])).toThrow(/colour/);
  });

  it('refuse to write analyses of another number of chunks', async () => {
    await expect(writeAnalyses(await tempDir('analysis'), ['d:0', 'd:1'], analysisColumns([analysis]))).rejects.toThrow(/1 analyses for 2 chunks/);
  });
});
