import { describe, expect, it } from 'vitest';
import { packStrings, stringAt, stringCount, stringId } from '../../../src/retrieval/string-table.js';

describe('string table', () => {
  const words = ['gas', 'pipeline', 'Лавров', 'naïve', '', 'a', 'ab', 'ba', '12.4', '東京'];
  const table = packStrings(words);

  it('gives every string its position as id and reads it back', () => {
    expect(stringCount(table)).toBe(words.length);
    words.forEach((word, id) => {
      expect(stringId(table, word)).toBe(id);
      expect(stringAt(table, id)).toBe(word);
    });
  });

  it('does not find strings it does not hold, prefixes and case variants included', () => {
    for (const absent of ['Gas', 'pipelines', 'pipe', 'b', 'абв', 'naive']) expect(stringId(table, absent)).toBeUndefined();
  });

  it('finds every string among many (hash collisions resolved by probing)', () => {
    const many = Array.from({ length: 5_000 }, (_, i) => `w${i.toString(36)}`);
    const big = packStrings(many);
    expect(many.every((word, id) => stringId(big, word) === id)).toBe(true);
    expect(stringId(big, 'w-none')).toBeUndefined();
  });
});
