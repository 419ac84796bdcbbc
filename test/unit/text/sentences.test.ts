import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../src/text/sentences.js';

const texts = (text: string): string[] => splitSentences(text).map((s) => s.text);

describe('splitSentences', () => {
  it('keeps decimals whole', () => {
    expect(texts('GDP grew 12.4 percent in 2012. It fell later.')).toEqual(['GDP grew 12.4 percent in 2012.', 'It fell later.']);
    expect(texts('Growth was 12.4. Then it fell.')).toEqual(['Growth was 12.4.', 'Then it fell.']);
  });

  it.each([
    ['No. 5', 'Resolution No. 5 passed. The next failed.'],
    ['p. 12', 'The table is on p. 12 of the report. It lists all.'],
    ['pp. 3', 'See pp. 3 and 4. They agree.'],
    ['Fig. 3', 'As Fig. 3 shows, it rose. Then it fell.'],
    ['Vol. 2', 'It is in Vol. 2 of the series. Read it.'],
  ])('does not end a sentence at an abbreviation before a number: %s', (_, text) => {
    expect(texts(text)).toHaveLength(2);
  });

  it('still ends a sentence at "no." before a capital', () => {
    expect(texts('He said no. Then he left.')).toEqual(['He said no.', 'Then he left.']);
  });

  it('keeps initials and dotted acronyms inside the sentence', () => {
    expect(texts('J. R. R. Tolkien wrote it in 1937. It sold well.')).toEqual(['J. R. R. Tolkien wrote it in 1937.', 'It sold well.']);
    expect(texts('U.S. officials said so. The U.N. Security Council agreed.')).toEqual(['U.S. officials said so.', 'The U.N. Security Council agreed.']);
  });

  it('gives offsets that slice the input exactly', () => {
    const text = '  See No. 5 and p. 12.\n\nJ. R. R. Tolkien wrote it. Growth was 12.4%!  Done';
    const spans = splitSentences(text);
    expect(spans.map((s) => s.text)).toEqual(['See No. 5 and p. 12.', 'J. R. R. Tolkien wrote it.', 'Growth was 12.4%!', 'Done']);
    for (const span of spans) expect(text.slice(span.start, span.end)).toBe(span.text);
  });
});
