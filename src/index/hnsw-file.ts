/**
 * Reads the file hnswlib's `saveIndex` writes (vectors.hnsw) into shared memory
 * as an HnswGraph (retrieval/hnsw-search.ts): the compute workers search that
 * one copy instead of each loading the graph into hnswlib's native memory.
 *
 * hnswlib 0.8's layout, little-endian: a header of thirteen fields (size_t
 * unless said), then the level-0 records of every element, then each element's
 * upper-level link lists preceded by their byte length (uint32).
 * @module
 */
import { readFileShared } from '../io/read-shared.js';
import type { HnswGraph } from '../retrieval/hnsw-search.js';

/** offsetLevel0 … ef_construction: 6 size_t, int maxlevel, uint32 enterpoint, 3 size_t, double mult, size_t. */
const HEADER_BYTES = 96;

/** The graph in `file`, built over `dims`-wide vectors; throws (with why) when the bytes are not such a graph. */
export async function readHnswGraph(file: string, dims: number): Promise<HnswGraph> {
  const bytes = await readFileShared(file);
  if (bytes.length < HEADER_BYTES) throw new Error('shorter than an hnswlib header');
  const shared = bytes.buffer as SharedArrayBuffer;
  const view = new DataView(shared);
  const size = (at: number) => Number(view.getBigUint64(at, true));
  const offsetLevel0 = size(0);
  const count = size(16);
  const recordBytes = size(24);
  const labelOffset = size(32);
  const dataOffset = size(40);
  const maxLevel = view.getInt32(48, true);
  const entryPoint = view.getUint32(52, true);
  const maxM = size(56);
  const maxM0 = size(64);
  const upperListBytes = maxM * 4 + 4;
  const plausible =
    offsetLevel0 === 0 &&
    dataOffset === maxM0 * 4 + 4 &&
    labelOffset === dataOffset + dims * 4 &&
    recordBytes === labelOffset + 8 &&
    maxLevel >= 0 &&
    (count === 0 || entryPoint < count) &&
    HEADER_BYTES + count * recordBytes <= bytes.length;
  if (!plausible) throw new Error(`not an hnswlib index of ${dims}-dimensional vectors`);

  const words = new Uint32Array(shared, 0, Math.floor(bytes.length / 4));
  const upperStart = new Uint32Array(new SharedArrayBuffer(count * 4));
  let at = HEADER_BYTES + count * recordBytes;
  for (let id = 0; id < count; id++) {
    if (at + 4 > bytes.length) throw new Error('truncated in its upper-level links');
    const length = view.getUint32(at, true);
    at += 4;
    if (length > 0) {
      if (length % upperListBytes !== 0 || length / upperListBytes > maxLevel) throw new Error(`element ${id} has damaged upper-level links`);
      upperStart[id] = at / 4;
    }
    at += length;
  }
  if (at !== bytes.length) throw new Error('has bytes after its last element');

  const level0 = new Uint32Array(shared, HEADER_BYTES, (count * recordBytes) / 4);
  const recordWords = recordBytes / 4;
  const labelWord = labelOffset / 4;
  const internalOf = new Uint32Array(new SharedArrayBuffer(count * 4));
  for (let id = 0; id < count; id++) {
    const label = level0[id * recordWords + labelWord]!;
    if (label >= count || level0[id * recordWords + labelWord + 1] !== 0) throw new Error(`element ${id} has label ${label} outside 0 … ${count - 1}`);
    internalOf[label] = id;
  }
  return {
    dims,
    count,
    maxLevel,
    entryPoint,
    level0,
    level0Floats: new Float32Array(shared, HEADER_BYTES, (count * recordBytes) / 4),
    recordWords,
    dataWord: dataOffset / 4,
    labelWord,
    upper: words,
    upperStart,
    upperListWords: upperListBytes / 4,
    internalOf,
  };
}
