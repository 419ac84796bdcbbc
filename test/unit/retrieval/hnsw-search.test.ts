/**
 * The JS search over a shared copy of hnswlib's file finds what hnswlib itself
 * finds: the same labels in the same order with bit-identical distances, over
 * the widths hnswlib computes differently (multiples of 16, of 4, and neither).
 */
import path from 'node:path';
import hnswlib from 'hnswlib-node';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/embedding/corpus-model/random.js';
import { readHnswGraph } from '../../../src/index/hnsw-file.js';
import { buildVectorIndex, graphVectorIndex } from '../../../src/index/vectors.js';
import { tempDir } from '../../helpers/fixtures.js';

const unit = (random: () => number, dims: number): Float32Array => {
  const v = Float32Array.from({ length: dims }, () => random() * 2 - 1);
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
};

describe('HNSW search over the shared graph', () => {
  it.each([
    [256, 3_000],
    [100, 1_500],
    [37, 800],
  ])('returns hnswlib’s neighbours and distances exactly (%i dims, %i vectors)', async (dims, count) => {
    const random = seededRandom(dims);
    // Clustered points, some duplicated, so that the graph has real structure and ties.
    const centres = Array.from({ length: 20 }, () => unit(random, dims));
    const vectors = Array.from({ length: count }, (_, i) =>
      i % 50 === 49 ? centres[i % 20]! : unit(() => centres[i % 20]![Math.floor(random() * dims)]! + random() - 0.5, dims),
    );
    const file = path.join(await tempDir('hnsw'), 'vectors.hnsw');
    await buildVectorIndex(vectors, dims).write(file);
    const native = new hnswlib.HierarchicalNSW('cosine', dims);
    await native.readIndex(file);
    native.setEf(100);
    const graph = await readHnswGraph(file, dims);
    expect(graph.level0.buffer).toBeInstanceOf(SharedArrayBuffer);
    const shared = graphVectorIndex(graph);
    for (let q = 0; q < 60; q++) {
      const query = q % 3 === 0 ? vectors[q * 7]! : unit(random, dims);
      for (const k of [1, 10, 30]) {
        const expected = native.searchKnn(Array.from(query), k);
        const got = shared.search(query, k);
        expect(got.map((hit) => hit.label)).toEqual(expected.neighbors);
        expect(got.map((hit) => hit.similarity)).toEqual(expected.distances.map((d) => 1 - d));
      }
    }
    for (const label of [0, 1, count - 1]) expect(shared.vector(label)).toEqual(Float32Array.from(native.getPoint(label)));
  });

  it('refuses bytes that are not an hnswlib graph of that width', async () => {
    const dir = await tempDir('hnsw');
    const file = path.join(dir, 'vectors.hnsw');
    await buildVectorIndex([unit(seededRandom(1), 16)], 16).write(file);
    await expect(readHnswGraph(file, 32)).rejects.toThrow('not an hnswlib index of 32-dimensional vectors');
  });
});
