import { describe, expect, it } from 'vitest';
import { MAX_TITLE_LENGTH, pickTitle } from '../../../src/corpus/title.js';

describe('pickTitle', () => {
  it('prefers the title the format declares, normalised to one line', () => {
    expect(pickTitle('  The \u201CReal\u201D\n Title ', 'First line\nSecond')).toBe('The "Real" Title');
  });

  it('falls back to the first non-empty line of the text', () => {
    expect(pickTitle(undefined, '\n\nFirst line\nSecond')).toBe('First line');
    expect(pickTitle('   ', 'First line')).toBe('First line');
  });

  it(`shortens long titles at a word boundary to at most ${MAX_TITLE_LENGTH} characters`, () => {
    const long = 'word '.repeat(60).trim();
    const title = pickTitle(undefined, long);
    expect(title.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
    expect(title).toMatch(/^(word )+word…$/);
  });

  it('cuts a single overlong word too', () => {
    expect(pickTitle(undefined, 'x'.repeat(300))).toHaveLength(MAX_TITLE_LENGTH);
  });
});
