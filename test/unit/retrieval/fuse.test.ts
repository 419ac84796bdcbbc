import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion } from '../../../src/retrieval/fuse.js';

describe('reciprocal-rank fusion', () => {
  it('puts an item ranked well in both lists above items ranked first in one', () => {
    const fused = reciprocalRankFusion([
      ['a', 'b', 'c'],
      ['d', 'b', 'e'],
    ]);
    expect(fused[0]?.key).toBe('b');
    // a and d tie on score (both first in one list), then c and e (both third).
    expect(fused.map((f) => f.key)).toEqual(['b', 'a', 'd', 'c', 'e']);
  });

  it('reports each list rank, null where absent', () => {
    const fused = reciprocalRankFusion([['x'], ['y', 'x']]);
    expect(fused.find((f) => f.key === 'x')?.ranks).toEqual([1, 2]);
    expect(fused.find((f) => f.key === 'y')?.ranks).toEqual([null, 1]);
  });

  it('scores 1/(k+rank) summed over lists', () => {
    const [item] = reciprocalRankFusion([['x'], ['x']], 10);
    expect(item?.score).toBeCloseTo(2 / 11);
  });

  it('counts a key repeated within one list once', () => {
    const [item] = reciprocalRankFusion([['x', 'x']], 60);
    expect(item?.score).toBeCloseTo(1 / 61);
  });

  it('handles empty input', () => {
    expect(reciprocalRankFusion([[], []])).toEqual([]);
  });
});
