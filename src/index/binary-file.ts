/**
 * The container of the index's binary files (postings, chunk texts, sentence
 * analysis): named typed-array sections behind a small JSON header.
 *
 *   bytes 0–7   magic `QUIREBIN`
 *   bytes 8–11  header length h (uint32, little-endian)
 *   12 … 12+h   header JSON: { crc32 of the body, sections: [{ name, type, offset, length }] }
 *   body        the sections, each starting at a multiple of 8 bytes
 *
 * Only the header goes through zod: the body is checked whole by its CRC-32
 * (one pass over the bytes, far cheaper than validating every posting), and
 * each file's reader checks the structure it relies on (offset tables ascend
 * and end where their data does). A file is read into one SharedArrayBuffer and
 * its sections become views of it, so compute workers share them (the server
 * posts the views; SharedArrayBuffer-backed arrays cross without a copy); a
 * section read only a little at a time (chunk texts, the analyses' per-token
 * columns) may stay in the file.
 * Multi-byte values are little-endian, the byte order of every platform Node
 * runs on; the reader refuses a big-endian host rather than misread.
 * @module
 */
import { closeSync, openSync, readSync, fstatSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { z } from 'zod';
import { QuireError } from '../errors.js';
import type { FileSection } from '../io/section-reads.js';

const MAGIC = Buffer.from('QUIREBIN', 'latin1');
const PREAMBLE = MAGIC.length + 4;
const ALIGN = 8;

const TYPES = { u8: Uint8Array, u32: Uint32Array, i32: Int32Array, f64: Float64Array } as const;
type SectionType = keyof typeof TYPES;
export type Section = Uint8Array | Uint32Array | Int32Array | Float64Array;

const headerSchema = z.object({
  crc32: z.number().int().nonnegative(),
  sections: z.array(
    z.object({
      name: z.string(),
      type: z.enum(['u8', 'u32', 'i32', 'f64']),
      offset: z.number().int().nonnegative(),
      length: z.number().int().nonnegative(),
    }),
  ),
});

const typeOf = (array: Section): SectionType =>
  array instanceof Uint8Array ? 'u8' : array instanceof Uint32Array ? 'u32' : array instanceof Int32Array ? 'i32' : 'f64';

const aligned = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

/** Writes `sections` to `file` in the container format. */
export async function writeBinaryFile(file: string, sections: Readonly<Record<string, Section>>): Promise<void> {
  let at = 0;
  const placed = Object.entries(sections).map(([name, array]) => {
    const offset = at;
    at = aligned(at + array.byteLength);
    return { name, array, offset };
  });
  const body = Buffer.alloc(at);
  for (const { array, offset } of placed) body.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offset);
  const header = { crc32: crc32(body), sections: placed.map(({ name, array, offset }) => ({ name, type: typeOf(array), offset, length: array.length })) };
  const json = Buffer.from(JSON.stringify(header));
  const start = aligned(PREAMBLE + json.length);
  const preamble = Buffer.alloc(start);
  MAGIC.copy(preamble);
  preamble.writeUInt32LE(json.length, MAGIC.length);
  json.copy(preamble, PREAMBLE);
  await writeFile(file, Buffer.concat([preamble, body]));
}

/** A section left on disk (readBinaryFile's `onDisk`): where its bytes are in the file. */
export type { FileSection };

type ReadSections<T extends Record<string, SectionType>, D extends string> = { [K in keyof T]: K extends D ? FileSection : InstanceType<(typeof TYPES)[T[K]]> };

/** Bytes read at a time to check the body's CRC-32. */
const PIECE = 1 << 22;

/**
 * Reads a container file into shared memory; every section named in `expected`
 * must be there with that type. Sections named in `onDisk` stay in the file and
 * come back as their place in it, to be read when needed (section-reads.ts): the whole
 * body is still read once, for its checksum. Anything else wrong (missing,
 * truncated, bytes changed) is index_corrupt naming the file.
 */
export function readBinaryFile<const T extends Record<string, SectionType>, const D extends keyof T & string = never>(
  file: string,
  expected: T,
  onDisk: readonly D[] = [],
): ReadSections<T, D> {
  const corrupt = (why: string, cause?: unknown) => new QuireError('index_corrupt', `${file} ${why}.`, cause === undefined ? undefined : { cause });
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw corrupt('cannot be read on a big-endian machine');
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (cause) {
    throw corrupt('cannot be opened', cause);
  }
  try {
    const size = fstatSync(fd).size;
    const preamble = Buffer.alloc(PREAMBLE);
    if (size < PREAMBLE || readSync(fd, preamble, 0, PREAMBLE, 0) !== PREAMBLE || !preamble.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw corrupt('is not a Quire index file');
    }
    const headerLength = preamble.readUInt32LE(MAGIC.length);
    const start = aligned(PREAMBLE + headerLength);
    if (start > size) throw corrupt('is truncated');
    const json = Buffer.alloc(headerLength);
    readSync(fd, json, 0, headerLength, PREAMBLE);
    let header: z.infer<typeof headerSchema>;
    try {
      header = headerSchema.parse(JSON.parse(json.toString('utf8')));
    } catch (cause) {
      throw corrupt('has a damaged header', cause);
    }
    const bodyLength = size - start;
    // The sections kept in memory, packed into one shared buffer in file order.
    const placed = Object.entries(expected).map(([name, type]) => {
      const section = header.sections.find((s) => s.name === name);
      if (!section || section.type !== type) throw corrupt(`lacks its ${name} section`);
      const byteLength = section.length * TYPES[type].BYTES_PER_ELEMENT;
      if (section.offset % ALIGN !== 0 || section.offset + byteLength > bodyLength) throw corrupt(`has a ${name} section outside the file`);
      return { name, type, from: section.offset, byteLength, onDisk: (onDisk as readonly string[]).includes(name), at: 0 };
    });
    let total = 0;
    for (const section of placed.filter((s) => !s.onDisk).sort((a, b) => a.from - b.from)) {
      section.at = total;
      total = aligned(total + section.byteLength);
    }
    const shared = new SharedArrayBuffer(total);
    const memory = new Uint8Array(shared);
    const inMemory = placed.filter((s) => !s.onDisk);
    const piece = Buffer.alloc(Math.min(PIECE, Math.max(1, bodyLength)));
    let crc = 0;
    for (let at = 0; at < bodyLength; ) {
      const read = readSync(fd, piece, 0, Math.min(piece.length, bodyLength - at), start + at);
      if (read === 0) throw corrupt('is truncated');
      const bytes = piece.subarray(0, read);
      crc = crc32(bytes, crc);
      for (const s of inMemory) {
        const from = Math.max(s.from, at);
        const to = Math.min(s.from + s.byteLength, at + read);
        if (from < to) memory.set(bytes.subarray(from - at, to - at), s.at + (from - s.from));
      }
      at += read;
    }
    if (crc !== header.crc32) throw corrupt('is damaged (its checksum does not match)');
    const views: Record<string, Section | FileSection> = {};
    for (const s of placed) {
      const View = TYPES[s.type];
      // (A call through the union of the constructors narrows their buffer parameter to ArrayBuffer; each accepts a shared one.)
      views[s.name] = s.onDisk
        ? { file, offset: start + s.from, byteLength: s.byteLength }
        : new View(shared as unknown as ArrayBuffer, s.at, s.byteLength / View.BYTES_PER_ELEMENT);
    }
    return views as ReadSections<T, D>;
  } finally {
    closeSync(fd);
  }
}

/** Whether `offsets` can index an array of `length` items: ascending from 0 to `length`. */
export function isOffsetTable(offsets: Uint32Array, length: number): boolean {
  if (offsets.length === 0 || offsets[0] !== 0 || offsets[offsets.length - 1] !== length) return false;
  for (let i = 1; i < offsets.length; i++) if (offsets[i]! < offsets[i - 1]!) return false;
  return true;
}
