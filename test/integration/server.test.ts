/**
 * The real server on a free port over a real index, spoken to over HTTP.
 */
import { defaultAnswerModel } from '../../src/answering/model.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { buildDefaultIndex, testConfig } from '../helpers/fixtures.js';
import { postJson, postSse } from '../helpers/http.js';

let server: RunningServer;
let empty: RunningServer;

beforeAll(async () => {
  const { config } = await buildDefaultIndex({ maxBodyBytes: 4096 });
  server = await startServer(config, silentLogger);
  empty = await startServer(await testConfig(), silentLogger);
});

afterAll(async () => {
  await server?.close();
  await empty?.close();
});

const ask = (body: unknown, headers?: Record<string, string>) => postJson(`${server.url}/ask`, body, headers);

describe('POST /ask', () => {
  it('answers with a quoted sentence that cites the chunk holding it', async () => {
    const { status, json } = await ask({ question: 'Where did Imran Khan meet President Putin?' });
    expect(status).toBe(200);
    expect(json.grounded).toBe(true);
    // The answer model's calibrated confidence, at least the threshold that let it answer.
    expect(json.confidence).toBeGreaterThanOrEqual(defaultAnswerModel().threshold);
    expect(json.confidence).toBeLessThanOrEqual(1);
    expect(json.answer).toContain('Bishkek');
    expect(json.citations.length).toBeGreaterThan(0);
    for (const citation of json.citations) {
      expect(json.answer).toContain(`[${citation.id}]`);
      expect(citation).toMatchObject({ docId: expect.any(String), title: expect.any(String), text: expect.any(String), score: expect.any(Number) });
    }
    expect(json.citations.some((c: { text: string }) => c.text.includes('Bishkek'))).toBe(true);
    expect(json.timings).toMatchObject({ retrieveMs: expect.any(Number), answerMs: expect.any(Number) });
  });

  it('says plainly when the documents do not contain the answer', async () => {
    const { status, json } = await ask({ question: 'Who is the current president of France?' });
    expect(status).toBe(200);
    expect(json.grounded).toBe(false);
    expect(json.citations).toEqual([]);
    expect(json.answer).toMatch(/documents/i);
  });

  it('keeps the conversation so a follow-up is understood', async () => {
    const first = await ask({ question: 'What is CASA-1000?' });
    const follow = await ask({ question: 'From which countries would it transmit electricity?', conversationId: first.json.conversationId });
    expect(follow.json.conversationId).toBe(first.json.conversationId);
    expect(follow.json.newConversation).toBe(false);
    expect(follow.json.answer).toContain('Kyrgyzstan');
  });

  it('starts a new conversation for an unknown id and says so', async () => {
    const { json } = await ask({ question: 'What is CASA-1000?', conversationId: 'no-such-conversation' });
    expect(json.newConversation).toBe(true);
    expect(json.warnings.join(' ')).toMatch(/not found/);
  });

  it('streams citations, then tokens, then the full answer as Server-Sent Events', async () => {
    const { status, contentType, events } = await postSse(`${server.url}/ask`, { question: 'In which year did Russian Defence Minister Sergei Shoigu visit Pakistan?' });
    expect(status).toBe(200);
    expect(contentType).toMatch(/text\/event-stream/);
    const names = events.map((e) => e.event);
    expect(names[0]).toBe('citations');
    expect(names.at(-1)).toBe('done');
    expect(names.slice(1, -1).every((n) => n === 'token')).toBe(true);
    const done = events.at(-1)!.data as { answer: string; citations: unknown[] };
    const streamed = events.filter((e) => e.event === 'token').map((e) => (e.data as { text: string }).text).join('');
    expect(streamed.trim()).toBe(done.answer.trim());
    expect(done.answer).toContain('2014');
  });

  it.each([
    ['a missing question', {}, 400, 'invalid_request'],
    ['an empty question', { question: '   ' }, 400, 'invalid_request'],
    ['a question of the wrong type', { question: 42 }, 400, 'invalid_request'],
    ['topK out of range', { question: 'Who?', topK: 0 }, 400, 'invalid_request'],
    ['an over-long conversation id', { question: 'Who?', conversationId: 'x'.repeat(201) }, 400, 'invalid_request'],
    ['an unknown field', { question: 'Who?', top_k: 3 }, 400, 'invalid_request'],
    ['malformed JSON', '{"question": ', 400, 'invalid_json'],
    ['a body over the limit', { question: 'x'.repeat(1990), pad: 'y'.repeat(5000) }, 413, 'payload_too_large'],
  ])('rejects %s with %i %s', async (_name, body, status, code) => {
    const response = await ask(body);
    expect(response.status).toBe(status);
    expect(response.json).toEqual({ error: { code, message: expect.any(String) } });
    expect(JSON.stringify(response.json)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('rejects a non-JSON body with 415', async () => {
    const response = await fetch(`${server.url}/ask`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'Who?' });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  it('answers 503 while no index is loaded', async () => {
    const { status, json } = await postJson(`${empty.url}/ask`, { question: 'Anything?' });
    expect(status).toBe(503);
    expect(json.error.code).toBe('index_not_built');
    expect(json.error.message).toMatch(/quire ingest/);
  });
});

describe('read-only routes', () => {
  it('GET /health reports the index and the model that built it, 503 before', async () => {
    const ok = await fetch(`${server.url}/health`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: 'ok', index: { documents: 5, embedder: { kind: 'corpus' } } });
    expect((await fetch(`${empty.url}/health`)).status).toBe(503);
  });

  it('GET /metrics counts requests by route pattern and reports the index, in the Prometheus format', async () => {
    const before = await (await fetch(`${server.url}/metrics`)).text();
    const answered = (route: string, text: string) => Number(new RegExp(`^quire_http_requests_total\\{method="GET",route="${route}",status="200"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
    await fetch(`${server.url}/chunks/${encodeURIComponent('pakistan-russia-relations-warm-up:1')}`);
    await fetch(`${server.url}/chunks/${encodeURIComponent('pakistan-russia-relations-warm-up:2')}`);
    await fetch(`${server.url}/no/such/${Math.random()}`);
    const response = await fetch(`${server.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(answered('/chunks/:id', text)).toBe(answered('/chunks/:id', before) + 2);
    expect(text).toMatch(/^quire_http_requests_total\{method="GET",route="unmatched",status="404"\} \d+$/m);
    expect(text).not.toMatch(/no\/such/);
    expect(text).toMatch(/^quire_http_request_duration_seconds_count\{method="GET",route="\/chunks\/:id"\} \d+$/m);
    expect(text).toMatch(/^quire_index_chunks \d{2,}$/m);
    expect(text).toMatch(/^quire_index_loaded 1$/m);
    expect(await (await fetch(`${empty.url}/metrics`)).text()).toMatch(/^quire_index_loaded 0$/m);
  });

  it('GET /documents lists documents with type and chunk counts, no failures, uploads off without an admin token', async () => {
    const { documents, failed, uploads } = await (await fetch(`${server.url}/documents`)).json();
    expect(documents).toHaveLength(5);
    expect(documents[0]).toMatchObject({ id: expect.any(String), title: expect.any(String), path: expect.stringMatching(/\.txt$/), type: 'txt', chunks: expect.any(Number) });
    expect(failed).toEqual([]);
    expect(uploads).toEqual({ enabled: false, maxBytes: expect.any(Number) });
  });

  it('GET /documents/:id returns every passage in order, together covering the document; 404 naming GET /documents', async () => {
    const { documents } = await (await fetch(`${server.url}/documents`)).json();
    const listed = documents.find((doc: { id: string }) => doc.id === 'pakistan-russia-relations-warm-up');
    const response = await fetch(`${server.url}/documents/pakistan-russia-relations-warm-up`);
    expect(response.status).toBe(200);
    const doc = await response.json();
    expect(doc).toMatchObject({ id: listed.id, title: listed.title, path: listed.path, type: 'txt', chunks: listed.chunks });
    expect(doc.passages.map((p: { n: number }) => p.n)).toEqual([...Array(listed.chunks).keys()]);
    for (const [i, passage] of doc.passages.entries()) {
      const chunk = await (await fetch(`${server.url}/chunks/${encodeURIComponent(passage.id)}`)).json();
      expect(passage).toEqual({ id: chunk.id, n: chunk.n, text: chunk.text, start: chunk.start, end: chunk.end });
      // Neighbours overlap or meet across at most a paragraph break: nothing of the document is left out.
      if (i > 0) expect(passage.start).toBeLessThanOrEqual(doc.passages[i - 1].end + '\n\n'.length);
    }
    const missing = await fetch(`${server.url}/documents/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found', message: expect.stringContaining('GET /documents') } });
  });

  it('GET /chunks/:id returns text, title, offsets and neighbours; 404 for unknown ids', async () => {
    const response = await fetch(`${server.url}/chunks/${encodeURIComponent('pakistan-russia-relations-warm-up:1')}`);
    expect(response.status).toBe(200);
    const chunk = await response.json();
    expect(chunk).toMatchObject({ id: 'pakistan-russia-relations-warm-up:1', n: 1, previousId: 'pakistan-russia-relations-warm-up:0', nextId: 'pakistan-russia-relations-warm-up:2' });
    expect(chunk.end - chunk.start).toBe(chunk.text.length);
    const missing = await fetch(`${server.url}/chunks/nope:9`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('GET /openapi.json describes /ask from the validating schema', async () => {
    const doc = await (await fetch(`${server.url}/openapi.json`)).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/ask'].post).toBeDefined();
    expect(doc.components.schemas.AskRequest.properties.question.maxLength).toBe(2000);
  });

  it('unknown routes are JSON 404s', async () => {
    const response = await fetch(`${server.url}/no/such/route`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
