/**
 * Reading parts of an index's files that stay on disk (chunk texts and the
 * analyses' per-token columns, which readBinaryFile leaves in their file; the
 * corpus model's rarer table rows): a slice at a time, through a descriptor each
 * thread opens once per table that owns the sections. A table posted to a
 * worker arrives there as a new object and gets its own descriptor; it is closed
 * when the table is collected, and reads on after a later ingest prunes the build
 * (the open descriptor keeps the file's bytes).
 * @module
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { QuireError } from '../errors.js';

/** Bytes of a file read when needed rather than held in memory. */
export interface FileSection {
  readonly file: string;
  /** Byte offset in the file. */
  readonly offset: number;
  readonly byteLength: number;
}

const descriptors = new WeakMap<object, number>();
const closeWhenCollected = new FinalizationRegistry<number>((fd) => closeSync(fd));

/** Opens this thread's descriptor on `file` for `owner`, once: a build being opened is opened now, before a later ingest may prune it. */
export function openSections(owner: object, file: string): number {
  let fd = descriptors.get(owner);
  if (fd === undefined) {
    try {
      fd = openSync(file, 'r');
    } catch (cause) {
      throw new QuireError('index_corrupt', `${file} cannot be opened.`, { cause });
    }
    descriptors.set(owner, fd);
    closeWhenCollected.register(owner, fd);
  }
  return fd;
}

/** Reads `fd` from byte `position` until `into` is full or the file ends (readSync may return less at a time); the bytes read. */
export function readFullyAt(fd: number, into: Uint8Array, position: number): number {
  let done = 0;
  while (done < into.length) {
    const read = readSync(fd, into, done, into.length - done, position + done);
    if (read === 0) break;
    done += read;
  }
  return done;
}

/** Bytes `from` … `to` − 1 of `section` (of `owner`'s file) into `into`, which must hold them. */
export function readInto(owner: object, section: FileSection, from: number, to: number, into: Uint8Array): void {
  const wanted = into.subarray(0, to - from);
  if (readFullyAt(openSections(owner, section.file), wanted, section.offset + from) < wanted.length) {
    throw new QuireError('index_corrupt', `${section.file} is truncated.`);
  }
}

/** Bytes `from` … `to` − 1 of a u8 section. */
export function readBytes(owner: object, section: FileSection, from: number, to: number): Buffer {
  const bytes = Buffer.alloc(to - from);
  readInto(owner, section, from, to, bytes);
  return bytes;
}

/** Entries `from` … `to` − 1 of a u32 section. */
export function readUint32s(owner: object, section: FileSection, from: number, to: number): Uint32Array {
  const values = new Uint32Array(to - from);
  readInto(owner, section, from * 4, to * 4, new Uint8Array(values.buffer));
  return values;
}
