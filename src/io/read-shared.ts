/**
 * Reading a whole file straight into shared memory. `readFile` followed by a
 * copy into a SharedArrayBuffer holds the file twice, and the first copy (an
 * external Buffer, out of V8's sight until a full collection) stayed resident
 * after the server read a build: at 117k chunks, vectors.hnsw alone is 131 MB.
 * @module
 */
import { open } from 'node:fs/promises';

/** The bytes of `file`, in a SharedArrayBuffer of exactly their length. */
export async function readFileShared(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const bytes = new Uint8Array(new SharedArrayBuffer(size));
    for (let at = 0; at < size; ) {
      const { bytesRead } = await handle.read(bytes, at, size - at, at);
      if (bytesRead === 0) throw new Error(`${file} ended at byte ${at} of ${size} while it was read`);
      at += bytesRead;
    }
    return bytes;
  } finally {
    await handle.close();
  }
}
