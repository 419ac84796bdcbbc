import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAnalyses, writeAnalyses } from '../../../src/index/analysis.js';
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
    await writeAnalyses(dir, ['d:0', 'd:1'], [analysis, { sentences: [] }]);
    const source = await readAnalyses(dir, ['d:0', 'd:1']);
    expect(source.analysis('d:0')).toEqual(analysis);
    expect(source.analysis('d:1')).toEqual({ sentences: [] });
    expect(source.analysis('d:2')).toBeUndefined();
  });

  it('report a damaged line or a missing chunk as index_corrupt, naming the file', async () => {
    const dir = await tempDir('analysis');
    await writeAnalyses(dir, ['d:0'], [analysis]);
    await expect(readAnalyses(dir, ['d:0', 'd:1'])).rejects.toMatchObject({ code: 'index_corrupt', message: expect.stringContaining('d:1') });
    const file = path.join(dir, 'analysis.jsonl');
    await writeFile(file, '{"id":"d:0","sentences":[[0,5,["x"],[[99,0,1]]]]}\n');
    await expect(readAnalyses(dir, ['d:0'])).rejects.toMatchObject({ code: 'index_corrupt', message: expect.stringContaining(`${file} line 1`) });
  });
});
