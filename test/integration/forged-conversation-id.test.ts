/**
 * Client-chosen conversation ids were honoured: a second client sending
 * `conversationId: "alice"` continued the first client's conversation. Ids
 * are now issued by the server; an id it did not issue starts a new
 * conversation under a new, random id, and the answer says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { buildDefaultIndex } from '../helpers/fixtures.js';
import { postJson } from '../helpers/http.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
let server: RunningServer;

beforeAll(async () => {
  server = await startServer((await buildDefaultIndex()).config, silentLogger);
});

afterAll(async () => {
  await server?.close();
});

const ask = (question: string, conversationId?: string) => postJson(`${server.url}/ask`, { question, ...(conversationId && { conversationId }) });

describe('conversation ids', () => {
  it('are random ids the server issues', async () => {
    const [first, second] = await Promise.all([ask('Where did Imran Khan meet President Putin?'), ask('Where did Imran Khan meet President Putin?')]);
    expect(first.json.conversationId).toMatch(UUID);
    expect(second.json.conversationId).toMatch(UUID);
    expect(first.json.conversationId).not.toBe(second.json.conversationId);
  });

  it('an id the server did not issue starts a new conversation with a new id, and says so', async () => {
    const alice = await ask('Where did Imran Khan meet President Putin?', 'alice');
    expect(alice.status).toBe(200);
    expect(alice.json.conversationId).toMatch(UUID);
    expect(alice.json.newConversation).toBe(true);
    expect(alice.json.warnings.join(' ')).toMatch(/conversation alice was not found .*started a new one/);

    // A second client guessing the same id does not land in the first one's conversation.
    const mallory = await ask('When was it?', 'alice');
    expect(mallory.json.newConversation).toBe(true);
    expect(mallory.json.conversationId).toMatch(UUID);
    expect(mallory.json.conversationId).not.toBe(alice.json.conversationId);
    expect(mallory.json.rewrittenQuery).toBeUndefined();
  });

  it('an issued id continues its conversation', async () => {
    const first = await ask('Where did Imran Khan meet President Putin?');
    const followUp = await ask('When did they meet there?', first.json.conversationId);
    expect(followUp.json.newConversation).toBe(false);
    expect(followUp.json.conversationId).toBe(first.json.conversationId);
    expect(followUp.json.warnings).toEqual([]);
  });
});
