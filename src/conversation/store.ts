/**
 * Conversations kept in memory: bounded (least recently used conversations go
 * first, and only the last turns of each are kept) and expiring (an idle
 * conversation is forgotten), so a long-running server's memory stays flat.
 * @module
 */
import { randomUUID } from 'node:crypto';

import type { Turn } from '../types.js';

export interface ConversationStoreOptions {
  /** Turns kept per conversation; older ones are dropped. */
  maxTurns: number;
  /** Idle time (ms) after which a conversation is forgotten. */
  ttlMs: number;
  /** Conversations kept; past it the least recently used is forgotten. */
  maxConversations: number;
  /** Clock, for tests. @default Date.now */
  now?: () => number;
}

/**
 * Where conversations are kept: this in-memory store, or a database shared by
 * several servers (src/store/postgres/conversations.ts), hence the promises.
 */
export interface ConversationStore {
  /** The turns so far (a copy), or undefined for an unknown or expired id. Counts as use. */
  get(id: string): Turn[] | undefined | Promise<Turn[] | undefined>;
  /** Adds a turn, starting the conversation if the id is unknown or expired. */
  append(id: string, turn: Turn): void | Promise<void>;
  /** Starts an empty conversation and returns its new random id. */
  create(): string | Promise<string>;
}

/** The in-memory store answers at once. */
export interface MemoryConversationStore extends ConversationStore {
  get(id: string): Turn[] | undefined;
  append(id: string, turn: Turn): void;
  create(): string;
  /** Live conversations. */
  readonly size: number;
}

interface Entry {
  turns: Turn[];
  lastUsed: number;
}

export function createConversationStore({ maxTurns, ttlMs, maxConversations, now = Date.now }: ConversationStoreOptions): MemoryConversationStore {
  for (const [name, value] of Object.entries({ maxTurns, ttlMs, maxConversations })) {
    if (!(value >= 1)) throw new RangeError(`createConversationStore: ${name} must be at least 1, got ${value}`);
  }
  // A Map iterates in insertion order; re-inserting on every use keeps it in
  // least-recently-used order, so eviction and expiry only look at its head.
  const entries = new Map<string, Entry>();

  const expired = (entry: Entry, at: number): boolean => at - entry.lastUsed > ttlMs;
  const expire = (at: number): void => {
    for (const [id, entry] of entries) {
      if (!expired(entry, at)) break;
      entries.delete(id);
    }
  };
  /** The live entry for `id`; an expired one is dropped even if a clock step kept it off the head. */
  const live = (id: string, at: number): Entry | undefined => {
    expire(at);
    const entry = entries.get(id);
    if (!entry || !expired(entry, at)) return entry;
    entries.delete(id);
    return undefined;
  };
  const touch = (id: string, entry: Entry, at: number): void => {
    entries.delete(id);
    entry.lastUsed = at;
    entries.set(id, entry);
    while (entries.size > maxConversations) entries.delete(entries.keys().next().value!);
  };

  return {
    get(id) {
      const at = now();
      const entry = live(id, at);
      if (!entry) return undefined;
      touch(id, entry, at);
      return entry.turns.map((turn) => ({ ...turn, citedIds: [...turn.citedIds] }));
    },
    append(id, turn) {
      const at = now();
      const entry = live(id, at) ?? { turns: [], lastUsed: at };
      entry.turns.push({ ...turn, citedIds: [...turn.citedIds] });
      if (entry.turns.length > maxTurns) entry.turns.splice(0, entry.turns.length - maxTurns);
      touch(id, entry, at);
    },
    create() {
      const at = now();
      expire(at);
      const id = randomUUID();
      touch(id, { turns: [], lastUsed: at }, at);
      return id;
    },
    get size() {
      expire(now());
      return entries.size;
    },
  };
}
