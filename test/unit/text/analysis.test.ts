import { describe, expect, it } from 'vitest';
import { analyseText } from '../../../src/text/analysis.js';

describe('analyseText', () => {
  const text = 'The prices rose 12.4% in 2014. President Putin met Imran Khan in Moscow, No. 5 on the list.';
  const { sentences } = analyseText(text);

  it('splits sentences with exact offsets', () => {
    expect(sentences.map((s) => text.slice(s.start, s.end))).toEqual(['The prices rose 12.4% in 2014.', 'President Putin met Imran Khan in Moscow, No. 5 on the list.']);
  });

  it('gives each sentence every lemma its words may have', () => {
    expect(sentences[0]!.lemmas).toEqual(expect.arrayContaining(['prices', 'price', 'rose', 'rise', '2014']));
    expect(sentences[1]!.lemmas).toEqual(expect.arrayContaining(['met', 'meet']));
    expect(sentences[1]!.lemmas).not.toContain('rise');
  });

  it('cuts sentences after footnote marks and leaves footnote lines out', () => {
    const noted = 'They have met six times since May 2011.¹⁶ In this regard, Zardari spoke in Moscow.\n\n¹⁷ Dawn, 12 May 2011.';
    expect(analyseText(noted).sentences.map((s) => noted.slice(s.start, s.end))).toEqual(['They have met six times since May 2011.¹⁶', 'In this regard, Zardari spoke in Moscow.']);
  });

  it('places each value in its sentence', () => {
    const values = sentences.map((s) => s.values.map((v) => `${v.kind}:${text.slice(v.start, v.end)}`));
    expect(values[0]).toEqual(['percent:12.4%', 'date:2014']);
    expect(values[1]).toEqual(expect.arrayContaining(['person:President Putin', 'person:Imran Khan', 'place:Moscow']));
  });
});
