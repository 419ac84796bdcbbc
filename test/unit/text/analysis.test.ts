import { describe, expect, it } from 'vitest';
import { analyseText } from '../../../src/text/analysis.js';

describe('analyseText', () => {
  const text = 'The prices rose 12.4% in 2014. President Putin met Imran Khan in Moscow, No. 5 on the list.';
  const { sentences } = analyseText(text);

  it('splits sentences with exact offsets', () => {
    expect(sentences.map((s) => text.slice(s.start, s.end))).toEqual(['The prices rose 12.4% in 2014.', 'President Putin met Imran Khan in Moscow, No. 5 on the list.']);
  });

  it('lemmatises each sentence with its parts of speech', () => {
    expect(sentences[0]!.lemmas).toEqual(['the', 'price', 'rise', '12.4', 'in', '2014']);
    expect(sentences[1]!.lemmas).toContain('meet');
  });

  it('places each value in its sentence', () => {
    const values = sentences.map((s) => s.values.map((v) => `${v.kind}:${text.slice(v.start, v.end)}`));
    expect(values[0]).toEqual(['percent:12.4%', 'date:2014']);
    expect(values[1]).toEqual(expect.arrayContaining(['person:President Putin', 'person:Imran Khan', 'place:Moscow']));
  });
});
