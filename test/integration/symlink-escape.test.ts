/**
 * Symlinks were followed out of the corpus: `corpus/passwd.txt -> /etc/passwd`
 * was indexed and served. Now only files whose real path is inside the corpus
 * directory are read; a link out of it, a broken link and a link to a folder
 * are skipped and named in the ingest summary.
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestSummary } from '../../src/ingest/ingest.js';
import { silentLogger } from '../../src/log.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { buildDefaultIndex, copyDefaultCorpus, tempDir } from '../helpers/fixtures.js';
import { postJson } from '../helpers/http.js';

const SECRET = 'the launch code is zebra-quartz-1947';
let summary: IngestSummary;
let server: RunningServer;

beforeAll(async () => {
  const outside = await tempDir('outside');
  await writeFile(path.join(outside, 'secret.txt'), `${SECRET}.\n\nNothing else is written in this private file about zebra quartz.\n`);
  await mkdir(path.join(outside, 'folder'));
  await writeFile(path.join(outside, 'folder', 'more.txt'), `Another private note: ${SECRET}.\n`);
  const corpusDir = await copyDefaultCorpus();
  await symlink(path.join(outside, 'secret.txt'), path.join(corpusDir, 'passwd.txt'));
  await symlink(path.join(outside, 'folder'), path.join(corpusDir, 'linked-folder'));
  await symlink(path.join(corpusDir, 'missing.txt'), path.join(corpusDir, 'broken.txt'));
  // A link to a document inside the corpus is still read.
  await mkdir(path.join(corpusDir, 'inside'));
  await symlink(path.join(corpusDir, 'lavrov-visit-new-strides.txt'), path.join(corpusDir, 'inside', 'lavrov-link.txt'));
  let config;
  ({ config, summary } = await buildDefaultIndex({ corpusDir }));
  server = await startServer(config, silentLogger);
});

afterAll(async () => {
  await server?.close();
});

describe('symbolic links in the corpus', () => {
  it('names each link it skipped, with the reason', () => {
    expect(summary.documents.failed).toEqual([
      { path: 'broken.txt', error: 'is a broken symbolic link; not indexed' },
      { path: 'linked-folder', error: 'is a symbolic link to a folder; folder links are not followed' },
      { path: 'passwd.txt', error: 'is a symbolic link to a file outside the corpus directory; not indexed' },
    ]);
  });

  it('indexes nothing from outside the corpus, and still reads a link to a file inside it', async () => {
    const { documents } = (await (await fetch(`${server.url}/documents`)).json()) as { documents: { path: string }[] };
    const paths = documents.map((d) => d.path);
    expect(paths).not.toContain('passwd.txt');
    expect(paths.some((p) => p.startsWith('linked-folder'))).toBe(false);
    expect(paths).toContain('inside/lavrov-link.txt');
    expect(paths).toHaveLength(6);
    const answer = await postJson(`${server.url}/ask`, { question: 'What is the launch code?' });
    expect(JSON.stringify(answer.json)).not.toContain('zebra-quartz');
  });
});
