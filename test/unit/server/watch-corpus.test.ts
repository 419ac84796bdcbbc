import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log.js';
import { watchCorpus } from '../../../src/server/reindex/watch-corpus.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('watchCorpus', () => {
  it('calls back once per burst of document changes, skipping hidden files and ignored folders', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'quire-watch-'));
    await mkdir(path.join(dir, 'index'));
    await mkdir(path.join(dir, 'sub'));
    const calls: string[][] = [];
    const stop = watchCorpus({ dir, log: silentLogger, debounceMs: 150, ignore: [path.join(dir, 'index')], onChange: (names) => calls.push(names) });
    try {
      await sleep(50);
      await writeFile(path.join(dir, '.swap.txt'), 'x');
      await writeFile(path.join(dir, 'index', 'manifest.txt'), 'x');
      await writeFile(path.join(dir, 'notes.json'), 'x');
      await sleep(400);
      expect(calls).toEqual([]);

      for (let i = 0; i < 5; i++) {
        await writeFile(path.join(dir, `doc-${i}.md`), 'x');
        await sleep(20);
      }
      await writeFile(path.join(dir, 'sub', 'deep.txt'), 'x');
      await sleep(500);
      expect(calls).toHaveLength(1);
      expect(calls[0]).toEqual(expect.arrayContaining(['doc-0.md', 'doc-4.md', path.join('sub', 'deep.txt')]));
    } finally {
      stop();
    }
  });

  it('names the directory when it cannot be watched', () => {
    expect(() => watchCorpus({ dir: '/no/such/quire/corpus', log: silentLogger, onChange: () => {} })).toThrow(expect.objectContaining({ code: 'invalid_config', message: expect.stringContaining('/no/such/quire/corpus') }));
  });
});
