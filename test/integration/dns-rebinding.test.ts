/**
 * DNS rebinding: a page on http://evil.example:PORT whose name is re-pointed
 * at 127.0.0.1 could read /documents, /chunks and /ask answers, because the
 * server answered any Host. Now only loopback names (with the server's port)
 * and QUIRE_ALLOWED_HOSTS are answered; anything else is a 421.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { buildDefaultIndex } from '../helpers/fixtures.js';
import { rawRequest } from '../helpers/raw-http.js';

let server: RunningServer;
let withAllowList: RunningServer;

beforeAll(async () => {
  const { config } = await buildDefaultIndex();
  server = await startServer(config, silentLogger);
  withAllowList = await startServer(withConfig({ ...config, allowedHosts: ['quire.lan', 'Notes.Example:8443'] }), silentLogger);
});

afterAll(async () => {
  await Promise.all([server?.close(), withAllowList?.close()]);
});

const ASK = { method: 'POST', path: '/ask', body: JSON.stringify({ question: 'Where did Imran Khan meet President Putin?' }) };
const request = (target: RunningServer, host: string, { method = 'GET', path = '/documents', body }: { method?: string; path?: string; body?: string } = {}) =>
  // The first answer of a fresh server may take a while on a busy machine (worker threads starting).
  rawRequest(target.url, { method, path, headers: { Host: host, ...(body && { 'Content-Type': 'application/json' }) }, ...(body && { body }), timeoutMs: 60_000 });

describe('the Host header', () => {
  it.each([
    ['a foreign name with the right port', (port: number) => `evil.example:${port}`],
    ['a foreign name without a port', () => 'evil.example'],
    ['a name that only starts like localhost', (port: number) => `localhost.evil.example:${port}`],
    ['localhost on another port', () => 'localhost:1'],
    ['an empty Host', () => ''],
  ])('refuses %s with 421 and the JSON error, on every route', async (_name, host) => {
    for (const route of [{ path: '/documents' }, { path: '/chunks/lavrov-visit-new-strides:0' }, ASK, { path: '/' }, { path: '/health' }]) {
      const response = await request(server, host(server.port), route);
      expect({ route: route.path, status: response.status, body: response.json }).toEqual({
        route: route.path,
        status: 421,
        body: { error: { code: 'host_not_allowed', message: expect.stringContaining('QUIRE_ALLOWED_HOSTS') } },
      });
      expect(response.body).not.toContain('Bishkek');
    }
  });

  it.each(['127.0.0.1', 'localhost', 'LOCALHOST', '[::1]'])('answers %s with the port', async (name) => {
    const documents = await request(server, `${name}:${server.port}`);
    expect(documents.status).toBe(200);
    expect(documents.json.documents.length).toBe(5);
    const answer = await request(server, `${name}:${server.port}`, ASK);
    expect(answer.status).toBe(200);
    expect(answer.json.answer).toContain('Bishkek');
  });

  it('answers the names in QUIRE_ALLOWED_HOSTS, a name given with a port only on that port', async () => {
    expect((await request(withAllowList, `quire.lan:${withAllowList.port}`)).status).toBe(200);
    expect((await request(withAllowList, 'notes.example:8443')).status).toBe(200);
    expect((await request(withAllowList, `notes.example:${withAllowList.port}`)).status).toBe(421);
    expect((await request(withAllowList, `evil.example:${withAllowList.port}`)).status).toBe(421);
  });
});
