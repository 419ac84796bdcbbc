import { describe, expect, it } from 'vitest';
import type { Embedder } from '../../../src/embedding/embedder.js';
import { memoizeEmbedder } from '../../../src/embedding/memo.js';

/** Vectors that say which text they came from, and a log of what reached the model. */
function countingEmbedder(): Embedder & { seen: string[][] } {
  const seen: string[][] = [];
  return {
    kind: 'corpus',
    modelId: 'test',
    dims: 1,
    seen,
    async embed(texts) {
      seen.push([...texts]);
      return texts.map((text) => Float32Array.of(text.length));
    },
  };
}

describe('memoizeEmbedder', () => {
  it('sends only texts it has not embedded before, once each, and keeps the order', async () => {
    const inner = countingEmbedder();
    const memo = memoizeEmbedder(inner, 100);
    expect((await memo.embed(['a', 'bb', 'a'])).map((v) => v[0])).toEqual([1, 2, 1]);
    expect((await memo.embed(['ccc', 'bb'])).map((v) => v[0])).toEqual([3, 2]);
    expect(await memo.embed(['a', 'ccc'])).toHaveLength(2);
    expect(inner.seen).toEqual([['a', 'bb'], ['ccc']]);
  });

  it('forgets the oldest texts past its bound, and still answers a call larger than the bound', async () => {
    const inner = countingEmbedder();
    const memo = memoizeEmbedder(inner, 2);
    await memo.embed(['a', 'bb']);
    await memo.embed(['ccc']);
    await memo.embed(['a']);
    expect(inner.seen.at(-1)).toEqual(['a']);
    expect((await memo.embed(['w', 'xx', 'yyy'])).map((v) => v[0])).toEqual([1, 2, 3]);
  });
});
