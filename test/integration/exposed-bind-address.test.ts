/**
 * Bound to 0.0.0.0, the server exposed everything without a word, and its log
 * still said http://127.0.0.1:PORT. It now logs the address it really listens
 * on, warns once that anyone who can reach the port can read the documents
 * unless QUIRE_API_TOKEN is set, and with the token set guards every route
 * but /health and the chat page's own files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { buildDefaultIndex } from '../helpers/fixtures.js';
import { postJson } from '../helpers/http.js';

const API_TOKEN = 'api-token-for-the-test-7d2c';
const ADMIN_TOKEN = 'admin-token-for-the-test-91a';

interface LogLine {
  level: string;
  msg: string;
  [field: string]: unknown;
}

const started: RunningServer[] = [];
async function start(config: Config): Promise<{ server: RunningServer; lines: LogLine[] }> {
  const lines: LogLine[] = [];
  const server = await startServer(config, createLogger({ write: (line) => void lines.push(JSON.parse(line) as LogLine) }));
  started.push(server);
  return { server, lines };
}

let config: Config;
beforeAll(async () => {
  ({ config } = await buildDefaultIndex());
});

afterAll(async () => {
  await Promise.all(started.map((server) => server.close()));
});

describe('binding to every interface', () => {
  it('logs the real address and warns once when no token is set', async () => {
    const { server, lines } = await start(withConfig({ ...config, host: '0.0.0.0' }));
    const listening = lines.find((line) => line.msg === 'listening');
    expect(listening).toMatchObject({ url: `http://0.0.0.0:${server.port}`, address: '0.0.0.0', port: server.port });
    const warnings = lines.filter((line) => line.level === 'warn' && /anyone who can reach port/.test(line.msg));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toContain('QUIRE_API_TOKEN');
    // Still usable from this machine.
    expect((await fetch(`${server.url}/documents`)).status).toBe(200);
  });

  it('does not warn on loopback, nor when a token is set', async () => {
    const loopback = await start(config);
    expect(loopback.lines.find((line) => line.msg === 'listening')).toMatchObject({ url: `http://127.0.0.1:${loopback.server.port}` });
    const withToken = await start(withConfig({ ...config, host: '0.0.0.0', apiToken: API_TOKEN }));
    for (const { lines } of [loopback, withToken]) expect(lines.filter((line) => line.level === 'warn')).toEqual([]);
  });
});

describe('QUIRE_API_TOKEN', () => {
  let server: RunningServer;
  beforeAll(async () => {
    ({ server } = await start(withConfig({ ...config, host: '0.0.0.0', apiToken: API_TOKEN, adminToken: ADMIN_TOKEN })));
  });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it.each(['/documents', '/chunks/lavrov-visit-new-strides:0', '/metrics', '/openapi.json', '/no-such-route'])('GET %s needs the token', async (path) => {
    const response = await fetch(`${server.url}${path}`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="quire"');
    expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: expect.stringMatching(/API token/) } });
    expect((await fetch(`${server.url}${path}`, { headers: bearer(`${API_TOKEN}x`) })).status).toBe(401);
  });

  it('POST /ask needs the token and answers with it', async () => {
    const question = { question: 'Where did Imran Khan meet President Putin?' };
    expect((await postJson(`${server.url}/ask`, question)).status).toBe(401);
    const answered = await postJson(`${server.url}/ask`, question, bearer(API_TOKEN));
    expect(answered.status).toBe(200);
    expect(answered.json.answer).toContain('Bishkek');
    expect((await fetch(`${server.url}/documents`, { headers: bearer(API_TOKEN) })).status).toBe(200);
  });

  it.each(['/', '/index.html', '/app.js', '/api.js', '/style.css', '/health'])('GET %s is open without it', async (path) => {
    expect((await fetch(`${server.url}${path}`)).status).toBe(200);
  });

  it('leaves the admin routes to the admin token', async () => {
    expect((await fetch(`${server.url}/admin/reindex/0123456789abcdef`, { headers: bearer(API_TOKEN) })).status).toBe(401);
    expect((await fetch(`${server.url}/admin/reindex/0123456789abcdef`, { headers: bearer(ADMIN_TOKEN) })).status).toBe(404);
  });
});
