/**
 * Nothing a client sends may crash the server, leak a file or reach the admin
 * routes without the token: a table of bad requests sent byte for byte to a
 * real server, the protective headers, and a seeded fuzz loop against /ask.
 */
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withConfig, type Config } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { buildDefaultIndex } from '../helpers/fixtures.js';
import { postJson } from '../helpers/http.js';
import { multipart } from '../helpers/multipart.js';
import { createPrng, type Prng } from '../helpers/prng.js';
import { rawRequest, type RawResponse } from '../helpers/raw-http.js';

const TOKEN = 'test-admin-token-5b1f0c';
const MAX_BODY = 4096;
const MAX_UPLOAD = 2048;
const ALLOWED_ORIGIN = 'http://allowed.example';
const QUESTION = 'Where did Imran Khan meet President Putin?';

let config: Config;
/** Admin routes on, CORS allow-list, small body and upload limits. */
let main: RunningServer;
/** No admin token (admin routes off), default CORS (off), a short request timeout. */
let noAdmin: RunningServer;
/** Three /ask requests a minute, loopback clients included. */
let limited: RunningServer;

beforeAll(async () => {
  ({ config } = await buildDefaultIndex({ adminToken: TOKEN, maxBodyBytes: MAX_BODY, maxUploadBytes: MAX_UPLOAD, corsOrigins: [ALLOWED_ORIGIN] }));
  main = await startServer(config, silentLogger);
  noAdmin = await startServer(withConfig({ ...config, adminToken: undefined, corsOrigins: [], requestTimeoutMs: 400 }), silentLogger);
  limited = await startServer(withConfig({ ...config, adminToken: undefined, rateLimitPerMinute: 3, rateLimitLoopback: true }), silentLogger);
});

afterAll(async () => {
  await Promise.all([main?.close(), noAdmin?.close(), limited?.close()]);
});

/** A response in the one error shape, without internals. */
function expectErrorShape(response: RawResponse, status: number, code: string): void {
  expect({ status: response.status, body: response.json }).toEqual({ status, body: { error: { code, message: expect.any(String) } } });
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.body).not.toMatch(/\bat .+:\d+:\d+|node_modules|\.ts:\d+|\/work\/|\/tmp\//);
}

interface BadRequest {
  server?: 'main' | 'noAdmin';
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

const JSON_TYPE = { 'Content-Type': 'application/json' };
const AUTH = { Authorization: `Bearer ${TOKEN}` };
const ask = (body: string | Buffer, headers: Record<string, string> = JSON_TYPE): BadRequest => ({ method: 'POST', path: '/ask', headers, body });
const askWith = (value: unknown): BadRequest => ask(JSON.stringify(value));
const get = (path: string, server: BadRequest['server'] = 'main'): BadRequest => ({ path, server });
const adminPost = (path: string, headers: Record<string, string>, body?: string | Buffer, server: BadRequest['server'] = 'main'): BadRequest => ({ method: 'POST', path, headers, server, ...(body !== undefined && { body }) });
const uploadJson = (value: unknown, query = ''): BadRequest => adminPost(`/admin/documents${query}`, { ...AUTH, ...JSON_TYPE }, JSON.stringify(value));
const uploadFile = (filename: string, data: string | Buffer, extra: Parameters<typeof multipart>[0] = []): BadRequest => {
  const { body, contentType } = multipart([{ name: 'file', filename, type: 'application/octet-stream', data }, ...extra]);
  return adminPost('/admin/documents', { ...AUTH, 'Content-Type': contentType }, body);
};
const utf16 = (text: string, bom: boolean) => Buffer.concat([Buffer.from(bom ? [0xff, 0xfe] : []), Buffer.from(text, 'utf16le')]);
const nested = (depth: number) => `{"question":"Who?","deep":${'['.repeat(depth)}${']'.repeat(depth)}}`;

const BAD_REQUESTS: [string, BadRequest, number, string][] = [
  // The body of /ask: shape and types.
  ['a missing question', askWith({}), 400, 'invalid_request'],
  ['an empty question', askWith({ question: '' }), 400, 'invalid_request'],
  ['a whitespace-only question', askWith({ question: ' \n\t ' }), 400, 'invalid_request'],
  ['a numeric question', askWith({ question: 42 }), 400, 'invalid_request'],
  ['a null question', askWith({ question: null }), 400, 'invalid_request'],
  ['an array question', askWith({ question: ['Who?'] }), 400, 'invalid_request'],
  ['an object question', askWith({ question: { text: 'Who?' } }), 400, 'invalid_request'],
  ['a question of 2001 characters', askWith({ question: 'q'.repeat(2001) }), 400, 'invalid_request'],
  ['topK 0', askWith({ question: 'Who?', topK: 0 }), 400, 'invalid_request'],
  ['topK 21', askWith({ question: 'Who?', topK: 21 }), 400, 'invalid_request'],
  ['a negative topK', askWith({ question: 'Who?', topK: -3 }), 400, 'invalid_request'],
  ['a fractional topK', askWith({ question: 'Who?', topK: 2.5 }), 400, 'invalid_request'],
  ['topK as a string', askWith({ question: 'Who?', topK: '5' }), 400, 'invalid_request'],
  ['topK overflowing to Infinity', ask('{"question":"Who?","topK":1e400}'), 400, 'invalid_request'],
  ['an over-long conversation id', askWith({ question: 'Who?', conversationId: 'c'.repeat(201) }), 400, 'invalid_request'],
  ['an empty conversation id', askWith({ question: 'Who?', conversationId: '' }), 400, 'invalid_request'],
  ['a numeric conversation id', askWith({ question: 'Who?', conversationId: 7 }), 400, 'invalid_request'],
  ['an unknown field', askWith({ question: 'Who?', top_k: 3 }), 400, 'invalid_request'],
  ['a __proto__ key', ask('{"question":"Who?","__proto__":{"isAdmin":true}}'), 400, 'invalid_request'],
  ['deeply nested arrays', ask(nested(1500)), 400, 'invalid_request'],
  ['a JSON array body', ask('[{"question":"Who?"}]'), 400, 'invalid_request'],
  ['a JSON string body', ask('"Who?"'), 400, 'invalid_request'],
  ['a JSON null body', ask('null'), 400, 'invalid_request'],
  // Bodies that are not JSON, or not UTF-8.
  ['truncated JSON', ask('{"question": '), 400, 'invalid_json'],
  ['JSON with trailing garbage', ask('{"question":"Who?"} tail'), 400, 'invalid_json'],
  ['JSON with single quotes', ask("{'question':'Who?'}"), 400, 'invalid_json'],
  ['an empty JSON body', ask(''), 400, 'invalid_json'],
  ['invalid UTF-8 bytes inside a string', ask(Buffer.concat([Buffer.from('{"question":"Wh'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('o?"}')])), 400, 'invalid_json'],
  ['an overlong UTF-8 encoding of "/"', ask(Buffer.concat([Buffer.from('{"question":"a'), Buffer.from([0xc0, 0xaf]), Buffer.from('b"}')])), 400, 'invalid_json'],
  ['UTF-16 with a byte-order mark, declared as plain JSON', ask(utf16('{"question":"Who?"}', true)), 400, 'invalid_json'],
  ['UTF-16 declared as charset=utf-16', ask(utf16('{"question":"Who?"}', false), { 'Content-Type': 'application/json; charset=utf-16' }), 415, 'unsupported_media_type'],
  ['a Latin-1 charset', ask('{"question":"Who?"}', { 'Content-Type': 'application/json; charset=iso-8859-1' }), 415, 'unsupported_media_type'],
  // Media types and sizes.
  ['text/plain', ask('{"question":"Who?"}', { 'Content-Type': 'text/plain' }), 415, 'unsupported_media_type'],
  ['no Content-Type', ask('{"question":"Who?"}', {}), 415, 'unsupported_media_type'],
  ['a form-encoded body', ask('question=Who%3F', { 'Content-Type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type'],
  ['a look-alike media type', ask('{"question":"Who?"}', { 'Content-Type': 'application/jsonp' }), 415, 'unsupported_media_type'],
  ['a body over the limit', askWith({ question: 'Who?', pad: 'p'.repeat(MAX_BODY) }), 413, 'payload_too_large'],
  ['a Content-Length over the limit', ask('{"question":"Who?"}', { ...JSON_TYPE, 'Content-Length': '50000000' }), 413, 'payload_too_large'],
  ['a chunked body over the limit', ask(`${(MAX_BODY + 100).toString(16)}\r\n${'x'.repeat(MAX_BODY + 100)}\r\n0\r\n\r\n`, { ...JSON_TYPE, 'Transfer-Encoding': 'chunked' }), 413, 'payload_too_large'],
  // Wrong methods and unknown routes.
  ['GET /ask', get('/ask'), 404, 'not_found'],
  ['PUT /ask', { method: 'PUT', path: '/ask', headers: JSON_TYPE, body: '{"question":"Who?"}' }, 404, 'not_found'],
  ['DELETE /documents', { method: 'DELETE', path: '/documents' }, 404, 'not_found'],
  ['POST /health', { method: 'POST', path: '/health' }, 404, 'not_found'],
  ['an unknown route', get('/api/v2/secrets'), 404, 'not_found'],
  // Chunk ids: oversized, traversal in every encoding.
  ['an over-long chunk id', get(`/chunks/${'c'.repeat(301)}`), 400, 'invalid_request'],
  ['a chunk id with encoded ../', get('/chunks/..%2F..%2Fpackage.json'), 404, 'not_found'],
  ['a chunk id with encoded dots and slashes', get('/chunks/%2e%2e%2f%2e%2e%2fpackage.json'), 404, 'not_found'],
  ['a double-encoded chunk id', get('/chunks/%252e%252e%252f%252e%252e%252fpackage.json'), 404, 'not_found'],
  ['a chunk id with backslashes', get('/chunks/..%5C..%5Cpackage.json'), 404, 'not_found'],
  ['a chunk id of invalid UTF-8', get('/chunks/%ff%fe%fd'), 404, 'not_found'],
  ['a chunk id with a NUL byte', get('/chunks/a%00b'), 404, 'not_found'],
  // Static files: nothing outside web/.
  ['/..%2f..%2fpackage.json', get('/..%2f..%2fpackage.json'), 404, 'not_found'],
  ['/%2e%2e/%2e%2e/etc/passwd', get('/%2e%2e/%2e%2e/etc/passwd'), 404, 'not_found'],
  ['/%2e%2e%2f%2e%2e%2fetc%2fpasswd', get('/%2e%2e%2f%2e%2e%2fetc%2fpasswd'), 404, 'not_found'],
  ['a double-encoded static path', get('/%252e%252e/%252e%252e/package.json'), 404, 'not_found'],
  ['raw ../ in the request line', get('/../../package.json'), 404, 'not_found'],
  ['raw backslashes', get('/..\\..\\package.json'), 400, 'invalid_request'],
  ['a malformed Host header', { path: '/health', headers: { Host: 'evil.example/../x' } }, 400, 'invalid_request'],
  ['encoded backslashes', get('/..%5c..%5cpackage.json'), 404, 'not_found'],
  ['a doubled slash', get('//etc/passwd'), 404, 'not_found'],
  ['a NUL byte in a static path', get('/index.html%00.js'), 404, 'not_found'],
  ['a source file next to web/', get('/../src/config.ts'), 404, 'not_found'],
  // The admin token.
  ['reindex without a token', adminPost('/admin/reindex', {}), 401, 'unauthorized'],
  ['reindex with a wrong token', adminPost('/admin/reindex', { Authorization: 'Bearer not-the-token-at-all' }), 401, 'unauthorized'],
  ['reindex with the token plus a suffix', adminPost('/admin/reindex', { Authorization: `Bearer ${TOKEN}x` }), 401, 'unauthorized'],
  ['reindex with a prefix of the token', adminPost('/admin/reindex', { Authorization: `Bearer ${TOKEN.slice(0, -1)}` }), 401, 'unauthorized'],
  ['reindex with Basic auth', adminPost('/admin/reindex', { Authorization: `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}` }), 401, 'unauthorized'],
  ['reindex with "Bearer" and no token', adminPost('/admin/reindex', { Authorization: 'Bearer' }), 401, 'unauthorized'],
  ['reindex with the bare token, no scheme', adminPost('/admin/reindex', { Authorization: TOKEN }), 401, 'unauthorized'],
  ['reindex with the token in the query string', adminPost(`/admin/reindex?token=${TOKEN}`, {}), 401, 'unauthorized'],
  ['a job lookup without a token', get('/admin/reindex/0123456789abcdef'), 401, 'unauthorized'],
  ['an upload without a token', adminPost('/admin/documents', JSON_TYPE, '{"name":"a.txt","text":"x"}'), 401, 'unauthorized'],
  ['a malformed job id', { path: '/admin/reindex/..%2F..%2Fetc', headers: AUTH }, 400, 'invalid_request'],
  ['an unknown job id', { path: '/admin/reindex/0123456789abcdef', headers: AUTH }, 404, 'not_found'],
  ['an admin route with a wrong method', { method: 'DELETE', path: '/admin/reindex', headers: AUTH }, 404, 'not_found'],
  ['reindex when no admin token is configured', adminPost('/admin/reindex', AUTH, undefined, 'noAdmin'), 404, 'not_found'],
  ['a job lookup when no admin token is configured', { server: 'noAdmin', path: '/admin/reindex/0123456789abcdef', headers: AUTH }, 404, 'not_found'],
  ['an upload when no admin token is configured', adminPost('/admin/documents', { ...AUTH, ...JSON_TYPE }, '{"name":"a.txt","text":"x"}', 'noAdmin'), 404, 'not_found'],
  // Uploads: type, size, name, content, conflicts.
  ['an .exe upload', uploadJson({ name: 'tool.exe', text: 'MZ' }), 415, 'unsupported_document_type'],
  ['a .docx upload', uploadFile('report.docx', 'PK\x03\x04'), 415, 'unsupported_document_type'],
  ['an upload without an extension', uploadJson({ name: 'README', text: 'hello' }), 415, 'unsupported_document_type'],
  ['a JSON upload over the size limit', uploadJson({ name: 'big.txt', text: 'word '.repeat(MAX_UPLOAD) }), 413, 'payload_too_large'],
  ['a multipart upload over the size limit', uploadFile('big.md', 'word '.repeat(MAX_UPLOAD)), 413, 'payload_too_large'],
  ['an upload body far over any limit', adminPost('/admin/documents', { ...AUTH, ...JSON_TYPE, 'Content-Length': '900000000' }, '{}'), 413, 'payload_too_large'],
  ['a name climbing out with ../', uploadJson({ name: '../escape.txt', text: 'x' }), 400, 'invalid_request'],
  ['a name climbing out with ..\\', uploadJson({ name: '..\\escape.txt', text: 'x' }), 400, 'invalid_request'],
  ['an absolute name', uploadJson({ name: '/etc/cron.d/job.txt', text: 'x' }), 400, 'invalid_request'],
  ['a name with a folder', uploadJson({ name: 'sub/notes.txt', text: 'x' }), 400, 'invalid_request'],
  ['a name that is ..', uploadJson({ name: '..', text: 'x' }), 400, 'invalid_request'],
  ['a name with a NUL byte', uploadJson({ name: 'notes.txt\u0000.pdf', text: 'x' }), 400, 'invalid_request'],
  ['a name with a line break', uploadJson({ name: 'notes\n.txt', text: 'x' }), 400, 'invalid_request'],
  ['a name with a right-to-left override', uploadJson({ name: 'cod\u202Etxt.exe', text: 'x' }), 400, 'invalid_request'],
  ['a hidden name', uploadJson({ name: '.profile.txt', text: 'x' }), 400, 'invalid_request'],
  ['an empty name', uploadJson({ name: '', text: 'x' }), 400, 'invalid_request'],
  ['a multipart file name with a path', uploadFile('../../escape.txt', 'hello'), 400, 'invalid_request'],
  ['a multipart name field with a path', uploadFile('fine.txt', 'hello', [{ name: 'name', data: '../../escape.txt' }]), 400, 'invalid_request'],
  ['an existing document without overwrite', uploadJson({ name: 'lavrov-visit-new-strides.txt', text: 'replacement' }), 409, 'document_exists'],
  ['overwrite spelled "yes"', uploadJson({ name: 'lavrov-visit-new-strides.txt', text: 'replacement' }, '?overwrite=yes'), 400, 'invalid_request'],
  ['a .pdf that is not a PDF', uploadFile('paper.pdf', 'this is not a pdf'), 400, 'document_invalid'],
  ['a .pdf sent as JSON text', uploadJson({ name: 'paper.pdf', text: 'plain words' }), 400, 'document_invalid'],
  ['a text file of invalid UTF-8', uploadFile('latin1.txt', Buffer.from('caf\xe9 cr\xe8me', 'latin1')), 400, 'document_invalid'],
  ['a UTF-16 text file', uploadFile('wide.txt', utf16('Hello in UTF-16', true)), 400, 'document_invalid'],
  ['binary data named .md', uploadFile('image.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3])), 400, 'document_invalid'],
  ['an empty file', uploadFile('empty.txt', ''), 400, 'document_invalid'],
  // Accepted with 202 once, to fail only inside the ingest.
  ['a whitespace-only file', uploadFile('blank.txt', ' \n\t\u200B\r\n  '), 400, 'document_invalid'],
  ['a whitespace-only JSON upload', uploadJson({ name: 'blank.md', text: '\n\n   \n' }), 400, 'document_invalid'],
  ['multipart without a file field', adminPost('/admin/documents', { ...AUTH, 'Content-Type': multipart([{ name: 'other', data: 'x' }]).contentType }, multipart([{ name: 'other', data: 'x' }]).body), 400, 'invalid_request'],
  ['multipart whose file is a plain field', adminPost('/admin/documents', { ...AUTH, 'Content-Type': multipart([{ name: 'file', data: 'x' }]).contentType }, multipart([{ name: 'file', data: 'x' }]).body), 400, 'invalid_request'],
  ['multipart with a broken boundary', adminPost('/admin/documents', { ...AUTH, 'Content-Type': 'multipart/form-data; boundary=nope' }, '--other\r\ngarbage\r\n'), 400, 'invalid_request'],
  ['an upload as text/plain', adminPost('/admin/documents', { ...AUTH, 'Content-Type': 'text/plain' }, 'hello'), 415, 'unsupported_media_type'],
  ['a JSON upload without text', uploadJson({ name: 'a.txt' }), 400, 'invalid_request'],
  ['a JSON upload with numeric text', uploadJson({ name: 'a.txt', text: 12 }), 400, 'invalid_request'],
  ['a JSON upload with an unknown field', uploadJson({ name: 'a.txt', text: 'x', path: '/etc' }), 400, 'invalid_request'],
  ['a malformed JSON upload', adminPost('/admin/documents', { ...AUTH, ...JSON_TYPE }, '{"name":'), 400, 'invalid_json'],
];

describe('bad requests', () => {
  it('the table is long enough to mean something', () => {
    expect(BAD_REQUESTS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(BAD_REQUESTS.map(([name, request, status, code]) => [name, status, code, request] as const))('%s → %i %s', async (_name, status, code, request) => {
    const server = request.server === 'noAdmin' ? noAdmin : main;
    const response = await rawRequest(server.url, { method: request.method ?? 'GET', path: request.path, headers: request.headers ?? {}, ...(request.body !== undefined && { body: request.body }) });
    expectErrorShape(response, status, code);
  });

  it('stored nothing from any refused upload', async () => {
    const names = await readdir(config.corpusDir);
    expect(names.sort()).toEqual([
      'lavrov-visit-new-strides.txt',
      'new-initiatives-pak-russia.txt',
      'pak-russia-ties-prospects-challenges.txt',
      'pakistan-russia-rapprochement.txt',
      'pakistan-russia-relations-warm-up.txt',
    ]);
  });

  it('answers requests Node itself cannot parse with the JSON error shape', async () => {
    expectErrorShape(await rawRequest(main.url, { path: '/health', headers: { 'X-Padding': 'p'.repeat(20_000) } }), 431, 'headers_too_large');
    expectErrorShape(await rawRequest(main.url, { method: 'GET', path: '/health HTTP/9.9 extra' }), 400, 'invalid_request');
    expectErrorShape(await rawRequest(main.url, { path: '/health', headers: { 'Bad Header Name': 'x' } }), 400, 'invalid_request');
  });

  it('accepts odd but valid encodings: a UTF-8 byte-order mark, escaped and non-Latin text', async () => {
    // The first answer of a fresh server may take a while on a busy machine (worker threads starting).
    const bom = await rawRequest(main.url, { method: 'POST', path: '/ask', headers: JSON_TYPE, body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ question: QUESTION }))]), timeoutMs: 60_000 });
    expect(bom.status).toBe(200);
    expect(bom.json.answer).toContain('Bishkek');
    const escaped = await rawRequest(main.url, { method: 'POST', path: '/ask', headers: { 'Content-Type': 'application/json; charset=UTF-8' }, body: '{"question":"Where did Imran Khan meet President Putin\\u003F"}' });
    expect(escaped.status).toBe(200);
    const foreign = await postJson(`${main.url}/ask`, { question: 'Где встретились Имран Хан и Путин? 🤝 \ud800' });
    expect(foreign.status).toBe(200);
  });
});

describe('protective behaviour', () => {
  it('times a request out with 504 when its body never arrives', async () => {
    const started = Date.now();
    const response = await rawRequest(noAdmin.url, { method: 'POST', path: '/ask', headers: { ...JSON_TYPE, 'Content-Length': '100' }, body: '{"question":' });
    expectErrorShape(response, 504, 'timeout');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('rate-limits /ask per client with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let last: RawResponse | undefined;
    for (let i = 0; i < 4; i++) {
      last = await rawRequest(limited.url, { method: 'POST', path: '/ask', headers: JSON_TYPE, body: '{}' });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([400, 400, 400, 429]);
    expectErrorShape(last!, 429, 'rate_limited');
    expect(Number(last!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(last!.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Other routes are not limited.
    expect((await fetch(`${limited.url}/health`)).status).toBe(200);
  });

  it('serves the page with a Content-Security-Policy allowing only its own origin', async () => {
    const page = await fetch(`${main.url}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<title>Quire</title>');
    const csp = page.headers.get('content-security-policy') ?? '';
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    // The policy forbids inline code, so the page must have none.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+=|style="/i);
    const script = await fetch(`${main.url}/app.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
  });

  it('keeps CORS off by default: no Access-Control headers for any origin', async () => {
    const simple = await fetch(`${noAdmin.url}/health`, { headers: { Origin: 'http://evil.example' } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await rawRequest(noAdmin.url, { method: 'OPTIONS', path: '/ask', headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.status).toBe(404);
  });

  it('allows exactly the configured origins when an allow-list is set', async () => {
    const allowed = await rawRequest(main.url, { method: 'OPTIONS', path: '/ask', headers: { Origin: ALLOWED_ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } });
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    const answer = await fetch(`${main.url}/health`, { headers: { Origin: ALLOWED_ORIGIN } });
    expect(answer.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    for (const origin of ['http://evil.example', `${ALLOWED_ORIGIN}.evil.example`, 'null']) {
      const other = await fetch(`${main.url}/health`, { headers: { Origin: origin } });
      expect(other.headers.get('access-control-allow-origin') ?? '').not.toBe(origin);
    }
  });
});

describe('fuzzing /ask', () => {
  const SEED = 0x51_0e_2026;
  const ROUNDS = 1_000;
  const CONCURRENCY = 8;

  it(`answers ${ROUNDS} seeded random requests without a 5xx, then still answers`, async () => {
    const prng = createPrng(SEED);
    const requests = Array.from({ length: ROUNDS }, (_, i) => randomRequest(prng, i));
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) {
          const i = next++;
          const { headers, body } = requests[i]!;
          const response = await fetch(`${main.url}/ask`, { method: 'POST', headers, body });
          const text = await response.text();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status >= 500 || ![200, 400, 413, 415].includes(response.status)) failures.push(`#${i} → ${response.status}: ${text.slice(0, 200)}`);
          if (response.status !== 200 && !/^\{"error":\{"code":"[a-z_]+","message":/.test(text)) failures.push(`#${i} → ${response.status} not the error shape: ${text.slice(0, 200)}`);
        }
      }),
    );
    expect(failures).toEqual([]);
    // The mix exercised success and each kind of refusal.
    for (const status of [200, 400, 413, 415]) expect(statuses.get(status) ?? 0).toBeGreaterThan(0);

    const after = await postJson(`${main.url}/ask`, { question: QUESTION });
    expect(after.status).toBe(200);
    expect(after.json.answer).toContain('Bishkek');
    console.info(`fuzz: ${[...statuses].map(([status, n]) => `${n}×${status}`).join(', ')}`);
  }, 300_000);
});

const WORDS = ['Putin', 'Pakistan', 'gas', 'pipeline', 'Lavrov', '1965', 'Bishkek', 'who', 'what', 'where', '?', '¿', 'Ω', '🙂', '\u0000', '\u202e', '\ud800', '"', '\\', '\n', '<script>', "' OR 1=1 --", '../../etc/passwd', '%00', '${x}', '{{7*7}}'];
const TYPES = ['application/json', 'application/json; charset=utf-8', 'application/json; charset=UTF-8', 'APPLICATION/JSON', 'application/vnd.api+json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', ''];

function randomText(prng: Prng, words: number): string {
  return Array.from({ length: words }, () => prng.pick(WORDS)).join(prng.pick([' ', '', '  ']));
}

function randomValue(prng: Prng, depth = 0): unknown {
  switch (prng.int(0, depth > 3 ? 3 : 6)) {
    case 0:
      return prng.int(-1e6, 1e6) / prng.pick([1, 7, 1000]);
    case 1:
      return prng.chance(0.5);
    case 2:
      return null;
    case 3:
      return randomText(prng, prng.int(0, 12));
    case 4:
      return Array.from({ length: prng.int(0, 4) }, () => randomValue(prng, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: prng.int(0, 4) }, () => [prng.pick(['question', 'topK', 'conversationId', 'x', '__proto__', 'constructor']), randomValue(prng, depth + 1)]));
  }
}

/** A body that is sometimes valid, sometimes subtly wrong, sometimes garbage, sometimes too big. */
function randomRequest(prng: Prng, i: number): { headers: Record<string, string>; body: string | Uint8Array<ArrayBuffer> } {
  const headers: Record<string, string> = {};
  const type = prng.chance(0.75) ? 'application/json' : prng.pick(TYPES);
  if (type) headers['content-type'] = type;
  if (prng.chance(0.1)) headers.accept = 'text/event-stream';
  if (prng.chance(0.05)) headers['x-forwarded-for'] = `10.0.0.${prng.int(0, 255)}`;
  let body: string | Uint8Array<ArrayBuffer>;
  // Weighted: every request that passes validation runs a real retrieval, the slow part.
  switch (prng.pick([0, 2, 2, 3, 4, 4, 5, 5, 6, 6, 7])) {
    case 0: {
      // Plausible: a real-ish question, optional well- or ill-typed extras.
      const value: Record<string, unknown> = { question: randomText(prng, prng.int(1, 15)) };
      if (prng.chance(0.4)) value.topK = prng.chance(0.7) ? prng.int(1, 20) : randomValue(prng);
      if (prng.chance(0.3)) value.conversationId = prng.chance(0.7) ? `fuzz-${i}` : randomValue(prng);
      body = JSON.stringify(value);
      break;
    }
    case 2:
      body = JSON.stringify(randomValue(prng));
      break;
    case 3: {
      // A valid body, then bytes flipped.
      const bytes = Buffer.from(JSON.stringify({ question: randomText(prng, 6), topK: prng.int(1, 20) }));
      for (let k = prng.int(1, 4); k > 0; k--) bytes[prng.int(0, bytes.length - 1)] = prng.int(0, 255);
      body = new Uint8Array(bytes);
      break;
    }
    case 4: {
      // A valid body cut short.
      const text = JSON.stringify({ question: randomText(prng, 8) });
      body = text.slice(0, prng.int(0, text.length - 1));
      break;
    }
    case 5:
      body = new Uint8Array(Array.from({ length: prng.int(0, 300) }, () => prng.int(0, 255)));
      break;
    case 6:
      // Too big, or right at the edge.
      body = JSON.stringify({ question: 'q'.repeat(prng.int(1_900, 2_100)), pad: 'p'.repeat(prng.int(0, MAX_BODY)) });
      break;
    default:
      body = JSON.stringify({ question: randomText(prng, 3) }).replace('{', prng.pick(['{ ', '{\n', '\ufeff{', '[{', '{{']));
  }
  return { headers, body };
}
