import { describe, expect, it } from 'vitest';
import { checkCitations, parseCitations } from '../../../src/answering/citations.js';

describe('parseCitations', () => {
  it('returns the cited ids in order of first appearance, each once', () => {
    expect(parseCitations('Kayani arrived on October 4 [warm-up:5]. He met Makarov [warm-up:6]. Again [warm-up:5].')).toEqual(['warm-up:5', 'warm-up:6']);
  });

  it('reads several ids in one bracket, separated by commas or semicolons', () => {
    expect(parseCitations('Both said so [a:1, b-2:3; c:10].')).toEqual(['a:1', 'b-2:3', 'c:10']);
  });

  it('ignores brackets that are not chunk ids', () => {
    expect(parseCitations('See [1], [sic], [note: 3], [a:b] and [doc:2x] but [doc:2].')).toEqual(['doc:2']);
    expect(parseCitations('No citations here.')).toEqual([]);
  });
});

describe('checkCitations', () => {
  const retrieved = new Set(['warm-up:5', 'warm-up:6']);

  it('leaves a fully valid answer untouched', () => {
    const text = 'Kayani arrived on October 4 [warm-up:5].  Next day he met Makarov [warm-up:6].';
    expect(checkCitations(text, retrieved)).toEqual({ text, valid: ['warm-up:5', 'warm-up:6'], invalid: [] });
  });

  it('removes markers of ids that were not retrieved and tidies the gap', () => {
    const checked = checkCitations('Kayani arrived on October 4 [warm-up:5]. He met Putin [made-up:9]. He left [made-up:9] on Sunday.', retrieved);
    expect(checked.text).toBe('Kayani arrived on October 4 [warm-up:5]. He met Putin. He left on Sunday.');
    expect(checked.valid).toEqual(['warm-up:5']);
    expect(checked.invalid).toEqual(['made-up:9']);
  });

  it('keeps the retrieved ids of a mixed bracket', () => {
    const checked = checkCitations('Both agree [warm-up:5; fake:1, warm-up:6].', retrieved);
    expect(checked.text).toBe('Both agree [warm-up:5, warm-up:6].');
    expect(checked.invalid).toEqual(['fake:1']);
  });

  it('drops brackets left empty inside parentheses and trailing spaces', () => {
    expect(checkCitations('He left early ([fake:1]).\nThen [fake:2]', retrieved).text).toBe('He left early.\nThen');
  });

  it('leaves other bracketed text alone', () => {
    expect(checkCitations('A footnote [1] and [sic] stay [fake:3].', retrieved).text).toBe('A footnote [1] and [sic] stay.');
  });
});
