/**
 * Conversations in PostgreSQL, for the postgres store: any server sharing the
 * database continues a conversation another one started. The same rules as the
 * in-memory store (src/conversation/store.ts): ids are random UUIDs issued here,
 * only the last `maxTurns` turns are kept, an idle conversation expires after
 * `ttlMs`, and beyond `maxConversations` the least recently used go first.
 * @module
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { ConversationStore, ConversationStoreOptions } from '../../conversation/store.js';
import type { Turn } from '../../types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createPostgresConversations(pool: pg.Pool, { maxTurns, ttlMs, maxConversations }: ConversationStoreOptions): ConversationStore {
  const ttl = `${ttlMs} milliseconds`;
  // One statement each, so one round trip: a question in a new conversation made five, one that went on
  // from another made five too. Data-modifying CTEs all see the table as the statement began; the turns'
  // foreign key is checked at its end, after the conversation row is in.
  return {
    async get(id) {
      // Not a UUID: never issued by Quire (and not a valid uuid to query with).
      if (!UUID.test(id)) return undefined;
      const { rows } = await pool.query<{ turn: Turn | null }>(
        `WITH touched AS (UPDATE quire_conversations SET last_used = now() WHERE id = $1 AND last_used >= now() - $2::interval RETURNING id)
         SELECT t.turn FROM touched c LEFT JOIN quire_turns t ON t.conversation_id = c.id ORDER BY t.n`,
        [id, ttl],
      );
      // No row: unknown or expired. One row without a turn: a conversation with none yet.
      if (rows.length === 0) return undefined;
      return rows.flatMap((row) => (row.turn ? [row.turn] : []));
    },
    async append(id, turn) {
      if (!UUID.test(id)) throw new RangeError(`conversation id ${id} is not one Quire issued`);
      // The delete sees the turns before this one: it keeps the newest maxTurns − 1 of them.
      await pool.query(
        `WITH touched AS (INSERT INTO quire_conversations (id) VALUES ($1) ON CONFLICT (id) DO UPDATE SET last_used = now()),
              added AS (INSERT INTO quire_turns (conversation_id, turn) VALUES ($1, $2))
         DELETE FROM quire_turns WHERE conversation_id = $1 AND n NOT IN
           (SELECT n FROM quire_turns WHERE conversation_id = $1 ORDER BY n DESC LIMIT $3)`,
        [id, JSON.stringify(turn), maxTurns - 1],
      );
    },
    async create() {
      const id = randomUUID();
      // Forgets expired conversations, and the least recently used beyond the cap, as it adds this one.
      await pool.query(
        `WITH expired AS (DELETE FROM quire_conversations WHERE last_used < now() - $1::interval
                            OR id IN (SELECT id FROM quire_conversations ORDER BY last_used DESC OFFSET $2))
         INSERT INTO quire_conversations (id) VALUES ($3)`,
        [ttl, maxConversations, id],
      );
      return id;
    },
  };
}
