import { describe, expect, it } from 'vitest';
import { createConversationStore } from '../../../src/conversation/store.js';
import type { Turn } from '../../../src/types.js';

const turn = (n: number): Turn => ({ question: `q${n}`, rewritten: `q${n}`, answer: `a${n}`, citedIds: [`doc:${n}`] });

function setup(options: { maxTurns?: number; ttlMs?: number; maxConversations?: number } = {}) {
  let clock = 1_000;
  const store = createConversationStore({ maxTurns: 3, ttlMs: 60_000, maxConversations: 3, ...options, now: () => clock });
  return { store, advance: (ms: number) => void (clock += ms) };
}

describe('conversation store', () => {
  it('creates conversations with random UUIDs and keeps their turns in order', () => {
    const { store } = setup();
    const a = store.create();
    const b = store.create();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
    expect(store.get(a)).toEqual([]);
    store.append(a, turn(1));
    store.append(a, turn(2));
    expect(store.get(a)).toEqual([turn(1), turn(2)]);
    expect(store.get(b)).toEqual([]);
    expect(store.size).toBe(2);
  });

  it('returns undefined for an unknown id, and starts a conversation when one is appended to', () => {
    const { store } = setup();
    expect(store.get('nope')).toBeUndefined();
    store.append('from-cli', turn(1));
    expect(store.get('from-cli')).toEqual([turn(1)]);
  });

  it('keeps only the last maxTurns turns', () => {
    const { store } = setup({ maxTurns: 2 });
    const id = store.create();
    for (const n of [1, 2, 3, 4]) store.append(id, turn(n));
    expect(store.get(id)).toEqual([turn(3), turn(4)]);
  });

  it('hands out copies: changing them does not change the store', () => {
    const { store } = setup();
    const id = store.create();
    const original = turn(1);
    store.append(id, original);
    original.citedIds.push('doc:99');
    const got = store.get(id)!;
    got.push(turn(2));
    got[0]!.citedIds.push('doc:98');
    expect(store.get(id)).toEqual([turn(1)]);
  });

  it('forgets a conversation idle for longer than ttlMs, and counts use as activity', () => {
    const { store, advance } = setup({ ttlMs: 1_000 });
    const idle = store.create();
    const busy = store.create();
    advance(600);
    store.get(busy);
    advance(600);
    expect(store.get(idle)).toBeUndefined();
    expect(store.get(busy)).toEqual([]);
    expect(store.size).toBe(1);
    advance(1_001);
    expect(store.size).toBe(0);
  });

  it('starts afresh when appending to an expired conversation', () => {
    const { store, advance } = setup({ ttlMs: 1_000 });
    const id = store.create();
    store.append(id, turn(1));
    advance(2_000);
    store.append(id, turn(2));
    expect(store.get(id)).toEqual([turn(2)]);
  });

  it('evicts the least recently used conversation past maxConversations', () => {
    const { store, advance } = setup({ maxConversations: 2 });
    const a = store.create();
    advance(1);
    const b = store.create();
    advance(1);
    store.append(a, turn(1)); // a is now the most recently used
    advance(1);
    const c = store.create();
    expect(store.size).toBe(2);
    expect(store.get(b)).toBeUndefined();
    expect(store.get(a)).toEqual([turn(1)]);
    expect(store.get(c)).toEqual([]);
  });

  it('rejects limits below 1, naming the option', () => {
    expect(() => createConversationStore({ maxTurns: 0, ttlMs: 1, maxConversations: 1 })).toThrow(/maxTurns/);
    expect(() => createConversationStore({ maxTurns: 1, ttlMs: 1, maxConversations: Number.NaN })).toThrow(RangeError);
  });
});
