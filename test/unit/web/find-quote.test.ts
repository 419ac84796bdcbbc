import { describe, expect, it } from 'vitest';

// The page's module is plain JS without types; the specifier is widened so tsc leaves it untyped.
const { findQuote } = (await import('../../../web/citations.js' as string)) as {
  findQuote: (text: string, quote: string) => { start: number; end: number } | null;
};

describe('findQuote (the source panel highlight)', () => {
  it('finds a paraphrased quote holding a decimal as one sentence', () => {
    const text = 'Trade was flat. Exports grew by 12.4 percent in 2012 to reach a record. Imports fell.';
    const at = findQuote(text, 'exports grew 12.4 percent in 2012, a record');
    expect(at && text.slice(at.start, at.end)).toBe('Exports grew by 12.4 percent in 2012 to reach a record.');
  });
});
