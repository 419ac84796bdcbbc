/**
 * The HNSW graph grown while ingest embeds (graph-build.ts) is the graph built
 * at the end from the same vectors, byte for byte: on its thread or in-process,
 * however the vectors arrive in batches.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/embedding/corpus-model/random.js';
import { startGraphBuild } from '../../../src/index/graph-build.js';
import { buildVectorIndex } from '../../../src/index/vectors.js';
import { tempDir } from '../../helpers/fixtures.js';

const dims = 24;
const random = seededRandom(5);
const vectors = Array.from({ length: 700 }, () => {
  const v = Float32Array.from({ length: dims }, () => random() * 2 - 1);
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
});

describe('graph grown during the embedding', () => {
  it.each([
    ['on its thread', 0],
    ['in-process', Infinity],
  ])('is the graph built at the end, %s', async (_, threadFrom) => {
    const dir = await tempDir('graph-build');
    await buildVectorIndex(vectors, dims).write(path.join(dir, 'whole.hnsw'));
    const build = startGraphBuild(dims, vectors.length, { threadFrom });
    for (const [from, to] of [[0, 0], [0, 1], [1, 300], [300, 301], [301, 700]] as const) build.add(vectors.slice(from, to));
    await build.write(path.join(dir, 'grown.hnsw'));
    expect((await readFile(path.join(dir, 'grown.hnsw'))).equals(await readFile(path.join(dir, 'whole.hnsw')))).toBe(true);
  });

  it('can be cancelled while it grows', async () => {
    const build = startGraphBuild(dims, vectors.length, { threadFrom: 0 });
    build.add(vectors);
    await expect(build.cancel()).resolves.toBeUndefined();
  });
});
