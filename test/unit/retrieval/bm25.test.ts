import { describe, expect, it } from 'vitest';
import { buildLexicalIndex, idf, searchLexical } from '../../../src/retrieval/bm25.js';

const texts = [
  'The gas pipeline from Karachi to Lahore will carry 12.4 billion cubic metres of gas.',
  'Russia and Pakistan held joint military exercises named Druzhba.',
  'Pipelines, pipelines everywhere: the pipeline debate continued.',
  'Foreign Minister Lavrov visited Islamabad.',
];

describe('BM25', () => {
  const stats = buildLexicalIndex(texts);

  it('ranks the chunk that holds the rare query terms first', () => {
    const [best] = searchLexical(stats, 'How much gas will the Karachi–Lahore pipeline carry?', 3);
    expect(best?.label).toBe(0);
  });

  it('matches inflected forms through the shared stemmer', () => {
    expect(searchLexical(stats, 'exercise', 1)[0]?.label).toBe(1);
  });

  it('saturates term frequency: repeating a word does not beat rarer matches', () => {
    const ranked = searchLexical(stats, 'pipeline Karachi', 4).map((hit) => hit.label);
    expect(ranked[0]).toBe(0);
    expect(ranked).toContain(2);
  });

  it('gives rarer terms a higher IDF, and unknown terms no score', () => {
    expect(idf(stats, 'lavrov')).toBeGreaterThan(idf(stats, 'pipeline'));
    expect(idf(stats, 'zeppelin')).toBeGreaterThan(idf(stats, 'lavrov'));
    expect(searchLexical(stats, 'zeppelin', 5)).toEqual([]);
  });

  it('limits results to k and is deterministic on ties', () => {
    const a = searchLexical(stats, 'gas pipeline Russia Lavrov', 2);
    expect(a).toHaveLength(2);
    expect(searchLexical(stats, 'gas pipeline Russia Lavrov', 2)).toEqual(a);
  });
});
