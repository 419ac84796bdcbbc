/**
 * Shared test fixtures: temp directories, private copies of the default
 * corpus (the suite's own, see default-corpus.ts), a real index.
 */
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withConfig, type Config } from '../../src/config.js';
import { ingest, type IngestSummary } from '../../src/ingest/ingest.js';
import type { LocalServedIndex } from '../../src/index/open.js';
import { silentLogger } from '../../src/log.js';
import type { Chunk } from '../../src/types.js';
import { defaultCorpusDir } from './default-corpus.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const sharedDir = path.resolve(repoRoot, '../shared');
export { defaultCorpusDir };

/** Every chunk of an opened index, in label order. */
export const chunksOf = (index: LocalServedIndex): Chunk[] => Array.from({ length: index.size }, (_, label) => index.chunk(label));

export const tempDir = (prefix: string): Promise<string> => mkdtemp(path.join(tmpdir(), `quire-${prefix}-`));

/** A private, writable copy of the default corpus. */
export async function copyDefaultCorpus(): Promise<string> {
  const dir = await tempDir('corpus');
  await cp(defaultCorpusDir, dir, { recursive: true });
  return dir;
}

/** Settings for a test: a fresh index dir, the corpus model, no rate limit, a free port. */
export async function testConfig(overrides: Partial<Config> = {}): Promise<Config> {
  return withConfig({
    corpusDir: overrides.corpusDir ?? (await copyDefaultCorpus()),
    indexDir: overrides.indexDir ?? (await tempDir('index')),
    embedder: 'corpus',
    port: 0,
    rateLimitPerMinute: 0,
    ...overrides,
  });
}

/** Builds a real index of the default corpus (corpus embedding model) and returns its settings. */
export async function buildDefaultIndex(overrides: Partial<Config> = {}): Promise<{ config: Config; summary: IngestSummary }> {
  const config = await testConfig(overrides);
  const summary = await ingest({ config, log: silentLogger });
  return { config, summary };
}
