/**
 * The admin routes on a real server: background re-index jobs (run as real
 * `quire ingest` child processes) and document uploads that become answerable.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import type { ReindexJob } from '../../src/server/reindex/jobs.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { buildDefaultIndex } from '../helpers/fixtures.js';
import { postJson } from '../helpers/http.js';
import { waitFor } from '../helpers/quire-cli.js';

const TOKEN = 'admin-test-token-9d2e71';
const AUTH = { authorization: `Bearer ${TOKEN}` };

let config: Config;
let server: RunningServer;

beforeAll(async () => {
  ({ config } = await buildDefaultIndex({ adminToken: TOKEN }));
  server = await startServer(config, silentLogger);
});

afterAll(async () => {
  await server?.close();
});

async function getJob(id: string): Promise<ReindexJob> {
  const response = await fetch(`${server.url}/admin/reindex/${id}`, { headers: AUTH });
  expect(response.status).toBe(200);
  return ((await response.json()) as { job: ReindexJob }).job;
}

/** Polls the job until it has finished, and returns it. */
const finished = (id: string): Promise<ReindexJob> =>
  waitFor(`job ${id}`, async () => {
    const job = await getJob(id);
    return job.state === 'succeeded' || job.state === 'failed' ? job : undefined;
  });

const ask = async (question: string) => {
  const { status, json } = await postJson(`${server.url}/ask`, { question });
  expect(status).toBe(200);
  return json as { answer: string; grounded: boolean; citations: { id: string; docId: string; text: string }[] };
};

describe('POST /admin/reindex', () => {
  it('starts a background job (202), refuses a second while it runs (409), and reports the summary', async () => {
    const before = server.holder.current()!.buildDir;
    const start = await fetch(`${server.url}/admin/reindex`, { method: 'POST', headers: AUTH });
    expect(start.status).toBe(202);
    const { job } = (await start.json()) as { job: ReindexJob };
    expect(job).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{16}$/), state: 'running', trigger: 'admin', startedAt: expect.any(String) });

    const second = await fetch(`${server.url}/admin/reindex`, { method: 'POST', headers: AUTH });
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ error: { code: 'conflict', message: expect.stringContaining(job.id) } });

    const done = await finished(job.id);
    expect(done.error).toBeUndefined();
    expect(done).toMatchObject({
      state: 'succeeded',
      finishedAt: expect.any(String),
      progress: { phase: 'write', done: 1, total: 1 },
      summary: { documents: { added: 0, changed: 0, removed: 0, unchanged: 5, failed: [] }, embedded: 0, embedder: { kind: 'corpus' } },
    });
    expect(done.summary!.chunks).toBeGreaterThan(20);
    // `succeeded` means the server already answers from the new build.
    expect(path.basename(server.holder.current()!.buildDir)).toBe(path.basename(done.summary!.buildDir));
    expect(server.holder.current()!.buildDir).not.toBe(before);

    // A new job may start once the last one finished.
    const again = await fetch(`${server.url}/admin/reindex`, { method: 'POST', headers: AUTH });
    expect(again.status).toBe(202);
    expect((await finished(((await again.json()) as { job: ReindexJob }).job.id)).state).toBe('succeeded');
  });

  it('is described in the OpenAPI document with its bearer security', async () => {
    const doc = await (await fetch(`${server.url}/openapi.json`)).json();
    expect(doc.paths['/admin/reindex'].post.responses['202']).toBeDefined();
    expect(doc.paths['/admin/reindex/{job}'].get).toBeDefined();
    expect(Object.keys(doc.paths['/admin/documents'].post.requestBody.content).sort()).toEqual(['application/json', 'multipart/form-data']);
    expect(doc.components.securitySchemes.adminToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});

describe('POST /admin/documents', () => {
  const OBSERVATORY = [
    'Notes on the Marrowdale Observatory',
    '',
    'The Marrowdale Observatory was founded in 1894 by the astronomer Elspeth Quillfeather on a hill above the town.',
    'Its brass refracting telescope was ground by hand over eleven winters.',
  ].join('\n');

  it('stores a JSON upload, re-indexes, and the new document answers and is cited', async () => {
    const response = await postJson(`${server.url}/admin/documents`, { name: 'Observatory Notes.txt', text: OBSERVATORY }, AUTH);
    expect(response.status).toBe(202);
    expect(response.json.document).toEqual({ path: 'Observatory Notes.txt', bytes: Buffer.byteLength(OBSERVATORY), replaced: false });
    expect(await readFile(path.join(config.corpusDir, 'Observatory Notes.txt'), 'utf8')).toBe(OBSERVATORY);

    const job = await finished(response.json.job.id);
    expect(job).toMatchObject({ state: 'succeeded', trigger: 'upload', summary: { documents: { added: 1 } } });
    const answer = await ask('Who founded the Marrowdale Observatory?');
    expect(answer.grounded).toBe(true);
    expect(answer.answer).toContain('Quillfeather');
    expect(answer.citations.some((c) => c.docId === 'observatory-notes' && c.text.includes('Quillfeather'))).toBe(true);
  });

  it('refuses to replace a document silently (409), and replaces it when overwrite=true is asked', async () => {
    const refused = await postJson(`${server.url}/admin/documents`, { name: 'Observatory Notes.txt', text: 'Something else.' }, AUTH);
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('document_exists');
    expect(await readFile(path.join(config.corpusDir, 'Observatory Notes.txt'), 'utf8')).toBe(OBSERVATORY);

    const text = OBSERVATORY.replace('founded in 1894', 'founded in 1902');
    const replaced = await postJson(`${server.url}/admin/documents?overwrite=true`, { name: 'Observatory Notes.txt', text }, AUTH);
    expect(replaced.status).toBe(202);
    expect(replaced.json.document.replaced).toBe(true);
    const job = await finished(replaced.json.job.id);
    expect(job.summary?.documents).toMatchObject({ changed: 1 });
    const answer = await ask('When was the Marrowdale Observatory founded?');
    expect(answer.answer).toContain('1902');
    expect(answer.answer).not.toContain('1894');
  });

  it('stores a multipart upload and queues its re-index behind a running one', async () => {
    const running = await postJson(`${server.url}/admin/documents`, { name: 'ferry.md', text: '# Ferry\n\nThe Kestrel Sound ferry sails at dawn from Port Ambry to the Tallowmere islands.\n' }, AUTH);
    expect(running.status).toBe(202);

    const form = new FormData();
    form.append('file', new Blob(['# Lighthouse\n\nThe Gannet Rock lighthouse keeper, Orla Pennywhistle, logged every storm from 1921 to 1958.\n'], { type: 'text/markdown' }), 'gannet-rock.md');
    const upload = await fetch(`${server.url}/admin/documents`, { method: 'POST', headers: AUTH, body: form });
    expect(upload.status).toBe(202);
    const body = (await upload.json()) as { document: { path: string }; job: ReindexJob };
    expect(body.document.path).toBe('gannet-rock.md');
    // The first upload's job is still running (a child process takes seconds to start), so this one waits for it.
    expect(running.json.job.state).toBe('running');
    expect(body.job.state).toBe('queued');

    expect((await finished(running.json.job.id)).state).toBe('succeeded');
    const job = await finished(body.job.id);
    expect(job.state).toBe('succeeded');
    const keeper = await ask('Who kept the Gannet Rock lighthouse?');
    expect(keeper.answer).toContain('Pennywhistle');
    expect(keeper.citations.some((c) => c.docId === 'gannet-rock')).toBe(true);
    const ferry = await ask('Where does the Kestrel Sound ferry sail from?');
    expect(ferry.answer).toContain('Port Ambry');
  });
});
