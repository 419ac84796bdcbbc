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

describe('splitClaims on Markdown', () => {
  it('reads list items and headings as blocks, their markers as structure ("2." was a sentence of its own)', () => {
    const text = '## Visits\n\n1. Lavrov visited Islamabad [a:1].\n2. He met Kayani [a:1]. It rained.\n- Trade grew [b:2]\nand so did hope';
    const claims = splitClaims(text);
    expect(claims.map((c) => [c.body, c.block, c.marker])).toEqual([
      ['Visits', 0, '## '],
      ['Lavrov visited Islamabad.', 1, '1. '],
      ['He met Kayani.', 2, '2. '],
      ['It rained.', 2, '2. '],
      ['Trade grew\nand so did hope', 3, '- '],
    ]);
    for (const claim of claims) expect(text.slice(claim.start, claim.end)).toBe(claim.text);
  });

  it('ends a sentence whose marker follows its full stop after the marker', () => {
    const text = 'In 2012. [a:3] Then more.';
    const [first] = splitClaims(text);
    expect(text.slice(first!.start, first!.end)).toBe('In 2012. [a:3]');
  });
});
