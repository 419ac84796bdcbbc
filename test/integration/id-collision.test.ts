/**
 * A name collision renamed an existing document: uploading
 * `Lavrov-Visit-New-Strides.txt` beside `lavrov-visit-new-strides.txt` changed
 * the existing document's id, so saved citations 404'd. Existing ids never
 * change now; the newcomer gets the suffixed id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { buildDefaultIndex } from '../helpers/fixtures.js';
import { postJson } from '../helpers/http.js';
import { waitFor } from '../helpers/quire-cli.js';

const TOKEN = 'collision-admin-token-4e1';
let server: RunningServer;

beforeAll(async () => {
  server = await startServer((await buildDefaultIndex({ adminToken: TOKEN })).config, silentLogger);
});

afterAll(async () => {
  await server?.close();
});

const documents = async () => ((await (await fetch(`${server.url}/documents`)).json()) as { documents: { id: string; path: string }[] }).documents;

describe('an upload whose name slugs like an existing document', () => {
  it('keeps the existing id and its chunks; the newcomer gets a new id', async () => {
    const before = await documents();
    expect(before.find((d) => d.path === 'lavrov-visit-new-strides.txt')?.id).toBe('lavrov-visit-new-strides');
    const cited = await fetch(`${server.url}/chunks/lavrov-visit-new-strides:0`);
    expect(cited.status).toBe(200);
    const citedText = ((await cited.json()) as { text: string }).text;

    const upload = await postJson(
      `${server.url}/admin/documents`,
      { name: 'Lavrov-Visit-New-Strides.txt', text: 'A note about the Lavrov visit, uploaded later with a look-alike name. It says the talks went on.' },
      { authorization: `Bearer ${TOKEN}` },
    );
    expect(upload.status).toBe(202);
    const after = await waitFor('the re-index with the upload', async () => {
      const list = await documents();
      return list.length === before.length + 1 ? list : undefined;
    });

    const byPath = new Map(after.map((d) => [d.path, d.id]));
    expect(byPath.get('lavrov-visit-new-strides.txt')).toBe('lavrov-visit-new-strides');
    const newcomer = byPath.get('Lavrov-Visit-New-Strides.txt');
    expect(newcomer).toMatch(/^lavrov-visit-new-strides-/);
    // Every other document kept its id too.
    for (const doc of before) expect(byPath.get(doc.path)).toBe(doc.id);

    const again = await fetch(`${server.url}/chunks/lavrov-visit-new-strides:0`);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { text: string }).text).toBe(citedText);
  }, 120_000);
});
