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
  /** Forgets expired conversations, and the least recently used beyond the cap. */
  const expire = async (): Promise<void> => {
    await pool.query(
      `DELETE FROM quire_conversations WHERE last_used < now() - $1::interval
         OR id IN (SELECT id FROM quire_conversations ORDER BY last_used DESC OFFSET $2)`,
      [ttl, maxConversations],
    );
  };
  return {
    async get(id) {
      // Not a UUID: never issued by Quire (and not a valid uuid to query with).
      if (!UUID.test(id)) return undefined;
      const touched = await pool.query('UPDATE quire_conversations SET last_used = now() WHERE id = $1 AND last_used >= now() - $2::interval', [id, ttl]);
      if (touched.rowCount === 0) return undefined;
      const { rows } = await pool.query<{ turn: Turn }>('SELECT turn FROM quire_turns WHERE conversation_id = $1 ORDER BY n', [id]);
      return rows.map((row) => row.turn);
    },
    async append(id, turn) {
      if (!UUID.test(id)) throw new RangeError(`conversation id ${id} is not one Quire issued`);
      await pool.query(
        `INSERT INTO quire_conversations (id) VALUES ($1) ON CONFLICT (id) DO UPDATE SET last_used = now()`,
        [id],
      );
      await pool.query('INSERT INTO quire_turns (conversation_id, turn) VALUES ($1, $2)', [id, JSON.stringify(turn)]);
      await pool.query(
        `DELETE FROM quire_turns WHERE conversation_id = $1 AND n NOT IN
           (SELECT n FROM quire_turns WHERE conversation_id = $1 ORDER BY n DESC LIMIT $2)`,
        [id, maxTurns],
      );
    },
    async create() {
      await expire();
      const id = randomUUID();
      await pool.query('INSERT INTO quire_conversations (id) VALUES ($1)', [id]);
      return id;
    },
  };
}
