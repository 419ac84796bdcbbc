import { describe, expect, it } from 'vitest';
import { splitClaims } from '../../../../src/answering/verify/claims.js';

describe('splitClaims', () => {
  it('gives each sentence its citations, whether the marker is before or after the full stop', () => {
    const claims = splitClaims('Lavrov visited Islamabad [a:1]. He met Kayani. [b:2] It rained.');
    expect(claims.map((c) => [c.body, c.citedIds])).toEqual([
      ['Lavrov visited Islamabad.', ['a:1']],
      ['He met Kayani.', ['b:2']],
      ['It rained.', []],
    ]);
  });

  it('reads several ids in one marker and keeps brackets that are not markers', () => {
    const [claim] = splitClaims('The deal [sic] was signed [a:1, b:2].');
    expect(claim!.citedIds).toEqual(['a:1', 'b:2']);
    expect(claim!.body).toBe('The deal [sic] was signed.');
  });

  it('holds a half-streamed marker with the sentence before it', () => {
    const claims = splitClaims('Lavrov visited Islamabad. [a:');
    expect(claims).toHaveLength(1);
    expect(claims[0]!.text).toBe('Lavrov visited Islamabad. [a:');
  });

  it('records where each sentence starts', () => {
    const text = 'One thing [a:1]. Another thing [a:2].';
    expect(splitClaims(text).map((c) => text.slice(c.start))).toEqual([text, 'Another thing [a:2].']);
  });
});
