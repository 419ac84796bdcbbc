/**
 * Ingest end to end: real loaders, chunker, corpus embedding model through
 * transformers.js, hnswlib and the atomic publish — on the default corpus.
 */
import { appendFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withConfig, type Config } from '../../src/config.js';
import type { QuireError } from '../../src/errors.js';
import { ingest, type IngestSummary } from '../../src/ingest/ingest.js';
import { currentBuildDir } from '../../src/index/layout.js';
import { openIndex } from '../../src/index/open.js';
import { silentLogger } from '../../src/log.js';
import { buildDefaultIndex } from '../helpers/fixtures.js';

const PIPELINE_QUESTION = 'How much gas will the Karachi-Lahore pipeline carry each year?';

describe('ingest of the default corpus', () => {
  let config: Config;
  let first: IngestSummary;

  beforeAll(async () => {
    ({ config, summary: first } = await buildDefaultIndex());
  });

  const again = (overrides: Partial<Config> = {}) => ingest({ config: withConfig({ ...config, ...overrides }), log: silentLogger });

  it('indexes all five documents with the corpus model and reports it', async () => {
    expect(first.documents).toEqual({ added: 5, changed: 0, removed: 0, unchanged: 0, failed: [] });
    expect(first.chunks).toBeGreaterThan(20);
    expect(first.embedded).toBe(first.chunks);
    expect(first.embedder.kind).toBe('corpus');
    expect(first.corpusModel?.refitted).toBe(true);
    expect(first.cleaning.duplicateParagraphs).toBeGreaterThan(0);
    const index = await openIndex(config);
    expect(index.manifest.embedder).toEqual(first.embedder);
    expect(index.size).toBe(first.chunks);
  });

  it('finds the pipeline-capacity chunk in the dense top 5', async () => {
    const index = await openIndex(config);
    const [query] = await index.embedder.embed([PIPELINE_QUESTION]);
    const top = index.vectors.search(query!, 5).map((hit) => index.chunk(hit.label).text);
    expect(top.some((text) => text.includes('12.4 billion cubic metres'))).toBe(true);
  });

  it('re-embeds nothing when nothing changed', async () => {
    const summary = await again();
    expect(summary.embedded).toBe(0);
    expect(summary.documents).toMatchObject({ added: 0, changed: 0, removed: 0, unchanged: 5 });
    expect(summary.chunks).toBe(first.chunks);
    expect(summary.corpusModel?.refitted).toBe(false);
  });

  it('re-embeds only the chunks of a changed document, and keeps the other ids', async () => {
    const before = await openIndex(config);
    const target = before.manifest.documents.find((doc) => doc.id === 'new-initiatives-pak-russia')!;
    await appendFile(path.join(config.corpusDir, target.path), '\n\nA new closing paragraph about cricket diplomacy between the two capitals was added later.\n');
    const summary = await again();
    const after = await openIndex(config);
    const changed = after.manifest.documents.find((doc) => doc.id === target.id)!;
    expect(summary.documents).toMatchObject({ changed: 1, unchanged: 4 });
    expect(summary.embedded).toBe(changed.chunkIds.length);
    for (const doc of before.manifest.documents.filter((d) => d.id !== target.id)) {
      expect(after.manifest.documents.find((d) => d.id === doc.id)?.chunkIds).toEqual(doc.chunkIds);
    }
  });

  it('adds new documents, drops removed ones, and names unreadable files without failing the rest', async () => {
    await writeFile(path.join(config.corpusDir, 'Cricket Notes.md'), '# Cricket notes\n\nThe two boards discussed a tour in spring.\n');
    await writeFile(path.join(config.corpusDir, 'broken.pdf'), 'this is not a pdf at all');
    await rm(path.join(config.corpusDir, 'lavrov-visit-new-strides.txt'));
    const summary = await again();
    expect(summary.documents).toMatchObject({ added: 1, removed: 1, unchanged: 4 });
    expect(summary.documents.failed).toEqual([{ path: 'broken.pdf', error: expect.any(String) }]);
    const index = await openIndex(config);
    expect(index.documents.has('cricket-notes')).toBe(true);
    expect(index.documents.has('lavrov-visit-new-strides')).toBe(false);
    expect(index.manifest.labels.some((id) => id.startsWith('lavrov-visit-new-strides:'))).toBe(false);
    await rm(path.join(config.corpusDir, 'broken.pdf'));
  });

  it('refits the corpus model and re-embeds everything on --refit', async () => {
    const summary = await again({ refit: true });
    expect(summary.corpusModel?.refitted).toBe(true);
    expect(summary.embedded).toBe(summary.chunks);
  });

  it('leaves the previous index in place when a build fails midway', async () => {
    const published = await currentBuildDir(config.indexDir);
    await appendFile(path.join(config.corpusDir, 'Cricket Notes.md'), '\nAnother line that forces re-embedding.\n');
    await expect(
      ingest({
        config: withConfig({ ...config, refit: true }),
        log: silentLogger,
        onProgress: ({ phase, done }) => {
          if (phase === 'embed' && done > 0) throw new Error('injected failure');
        },
      }),
    ).rejects.toThrow('injected failure');
    expect(await currentBuildDir(config.indexDir)).toBe(published);
    const index = await openIndex(config);
    expect(index.size).toBeGreaterThan(0);
    const builds = await readdir(path.join(config.indexDir, 'builds'));
    expect(builds).toContain(path.basename(published!));
    expect(builds.length).toBeLessThanOrEqual(2);
  });

  it('refuses to serve an index built with other chunker settings', async () => {
    const error = await openIndex(withConfig({ ...config, chunkWords: config.chunkWords + 50 })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'index_incompatible' });
    expect((error as QuireError).advice).toMatch(/chunked with 180\/30 .*Re-run `quire ingest`/);
  });
});
