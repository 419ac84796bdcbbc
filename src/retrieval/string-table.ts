/**
 * A set of strings packed into typed arrays: their UTF-8 bytes end to end, an
 * offset table, and an open-addressing hash table from string to id. Data only
 * (no closures), so the whole table can live in shared memory and be posted to
 * worker threads; looking a string up allocates nothing beyond its UTF-8 bytes.
 * @module
 */

export interface StringTable {
  /** UTF-8 of string i: `bytes[starts[i]] … bytes[starts[i + 1] - 1]`. */
  readonly bytes: Uint8Array;
  readonly starts: Uint32Array;
  /** Hash slots (a power of two, at most half full): id + 1, or 0 for an empty slot. */
  readonly slots: Uint32Array;
}

const encoder = new TextEncoder();

/** FNV-1a, 32 bits (Fowler, Noll & Vo): fast and well spread on short keys. */
function hash(bytes: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

/** Packs `strings` (distinct) so that string i gets id i. */
export function packStrings(strings: readonly string[]): StringTable {
  const encoded = strings.map((s) => encoder.encode(s));
  const starts = new Uint32Array(strings.length + 1);
  encoded.forEach((e, i) => (starts[i + 1] = starts[i]! + e.length));
  const bytes = new Uint8Array(starts[strings.length]!);
  encoded.forEach((e, i) => bytes.set(e, starts[i]!));
  let size = 2;
  while (size < strings.length * 2) size *= 2;
  const slots = new Uint32Array(size);
  for (let id = 0; id < strings.length; id++) {
    let slot = hash(bytes, starts[id]!, starts[id + 1]!) & (size - 1);
    while (slots[slot] !== 0) slot = (slot + 1) & (size - 1);
    slots[slot] = id + 1;
  }
  return { bytes, starts, slots };
}

/** `table` copied into shared memory, so that worker threads posted it share one copy. */
export function sharedStringTable(table: StringTable): StringTable {
  const shared = <T extends Uint8Array | Uint32Array>(array: T): T => {
    const copy = new (array.constructor as new (buffer: SharedArrayBuffer) => T)(new SharedArrayBuffer(array.byteLength));
    copy.set(array);
    return copy;
  };
  return { bytes: shared(table.bytes), starts: shared(table.starts), slots: shared(table.slots) };
}

/** The id of `value`, or undefined when the table does not hold it. */
export function stringId(table: StringTable, value: string): number | undefined {
  const { bytes, starts, slots } = table;
  const key = encoder.encode(value);
  const mask = slots.length - 1;
  for (let slot = hash(key, 0, key.length) & mask; slots[slot] !== 0; slot = (slot + 1) & mask) {
    const id = slots[slot]! - 1;
    const from = starts[id]!;
    if (starts[id + 1]! - from !== key.length) continue;
    let same = true;
    for (let i = 0; i < key.length && same; i++) same = bytes[from + i] === key[i];
    if (same) return id;
  }
  return undefined;
}

/** String `id` of the table. */
export function stringAt(table: StringTable, id: number): string {
  const { bytes, starts } = table;
  return Buffer.from(bytes.buffer, bytes.byteOffset + starts[id]!, starts[id + 1]! - starts[id]!).toString('utf8');
}

/** How many strings the table holds. */
export const stringCount = (table: StringTable): number => table.starts.length - 1;
