/**
 * Conversations in PostgreSQL keep the in-memory store's rules (src/conversation/store.ts),
 * each operation one statement: the last maxTurns turns in order, unknown and expired ids
 * are undefined, a new conversation has no turns, the least recently used go past the cap.
 * Skipped with the reason printed when no database is given (CI always gives one).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../../src/store/postgres/connection.js';
import { migrate } from '../../src/store/postgres/schema.js';
import { createPostgresConversations } from '../../src/store/postgres/conversations.js';
import type { Turn } from '../../src/types.js';
import { createTestDatabase, testDatabaseUrl } from '../helpers/postgres.js';

const turn = (n: number): Turn => ({ question: `q${n}`, rewritten: `q${n}`, answer: `a${n}`, citedIds: [`d:${n}`] });

describe.skipIf(!testDatabaseUrl)('postgres conversations', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: ReturnType<typeof createPool>;
  beforeAll(async () => {
    db = await createTestDatabase();
    pool = createPool(db.url);
    const client = await pool.connect();
    try {
      await migrate(client, 'the test database');
    } finally {
      client.release();
    }
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('keep the last maxTurns turns in order; an unknown id is undefined, a new conversation empty', async () => {
    const store = createPostgresConversations(pool, { maxTurns: 2, ttlMs: 60_000, maxConversations: 10 });
    const id = await store.create();
    expect(await store.get(id)).toEqual([]);
    for (let n = 1; n <= 4; n++) await store.append(id, turn(n));
    expect(await store.get(id)).toEqual([turn(3), turn(4)]);
    expect(await store.get('2c1b0c1e-0000-4000-8000-000000000000')).toBeUndefined();
    expect(await store.get('not-a-uuid')).toBeUndefined();
  });

  it('forget expired conversations and the least recently used past the cap', async () => {
    const capped = createPostgresConversations(pool, { maxTurns: 3, ttlMs: 60_000, maxConversations: 2 });
    const first = await capped.create();
    await capped.append(first, turn(1));
    const second = await capped.create();
    const third = await capped.create();
    const fourth = await capped.create();
    // Each create keeps the newest two before adding itself (as the in-memory store's cap, counted before):
    // the first test's conversation went at the third create, `first` at the fourth.
    expect(await capped.get(first)).toBeUndefined();
    for (const kept of [second, third, fourth]) expect(await capped.get(kept)).toEqual([]);
    const fleeting = createPostgresConversations(pool, { maxTurns: 3, ttlMs: 1, maxConversations: 10 });
    const gone = await fleeting.create();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await fleeting.get(gone)).toBeUndefined();
  });
});
