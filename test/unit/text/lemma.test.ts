import { describe, expect, it } from 'vitest';
import { lemma, lemmas, stem } from '../../../src/text/lemma.js';

describe('lemma', () => {
  it.each([
    ['rose', 'rise'],
    ['fell', 'fall'],
    ['arrivals', 'arrival'],
    ['was', 'be'],
    ['does', 'do'],
    ['children', 'child'],
    ['better', 'good'],
    ['running', 'run'],
    ['Prices', 'price'],
  ])('%s → %s', (word, base) => {
    expect(lemma(word)).toBe(base);
  });

  it('takes the part of speech when the caller knows it', () => {
    expect(lemma('rose', 'noun')).toBe('rose');
    expect(lemma('rose', 'verb')).toBe('rise');
  });

  it('lists every reading of an ambiguous word', () => {
    expect([...lemmas('rose')].sort()).toEqual(['rise', 'rose']);
  });
});

describe('stem (Porter2)', () => {
  it('joins a word and its derivations and inflections', () => {
    expect(stem('arrival')).toBe(stem('arrive'));
    expect(stem('arriving')).toBe(stem('arrived'));
    expect(stem('Running')).toBe('run');
  });
});
