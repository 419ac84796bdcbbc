import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../src/corpus/load-corpus.js';
import { normalizeText } from '../../../src/corpus/normalize.js';
import { MAX_TITLE_LENGTH, pickTitle } from '../../../src/corpus/title.js';
import { defaultCorpusDir } from '../../helpers/default-corpus.js';

describe('pickTitle', () => {
  it('prefers the title the format declares, normalised to one line', () => {
    expect(pickTitle('  The \u201CReal\u201D\n Title ', 'First line\nSecond')).toBe('The "Real" Title');
  });

  it('falls back to the first non-empty line of the text', () => {
    expect(pickTitle(undefined, '\n\nFirst line\nSecond')).toBe('First line');
    expect(pickTitle('   ', 'First line')).toBe('First line');
  });

  const article = (head: string[]) =>
    [
      ...head,
      'The harbour at Saltmarsh kept its ferry running through the winter of 1920, and the ferry crews were paid by the harbour board.',
      'Every morning the harbour ferry left at seven, and the harbour master logged each crossing of the ferry in the harbour book.',
    ].join('\n');

  it('skips a masthead whose words the article does not come back to, for the headline it does', () => {
    const text = article(['An organ of the Northern Institute of Maritime Studies (NIMS), Fremont, CA', 'Saltmarsh harbour ferry', 'By Ann Lee']);
    expect(pickTitle(undefined, text)).toBe('Saltmarsh harbour ferry');
  });

  it('never takes a byline, a dateline, a sentence or half of a wrapped sentence', () => {
    const text = article(['By Ann Lee', 'October 8, 2012', 'The harbour ferry ran daily.', 'Harbour ferry news encourages independent', 'thinking about the harbour ferry', 'Harbour ferry winters']);
    expect(pickTitle(undefined, text)).toBe('Harbour ferry winters');
  });

  it('keeps the first line when it is what the document is about', () => {
    expect(pickTitle(undefined, article(['The harbour ferry', 'Saltmarsh harbour ferry crossings']))).toBe('The harbour ferry');
  });

  it('takes the headline, not the site’s masthead, in the default corpus’s saved web page', async () => {
    const raw = normalizeText(await readFile(path.join(defaultCorpusDir, 'pakistan-russia-relations-warm-up.txt'), 'utf8'));
    expect(raw.startsWith('An organ of the American Institute of International Studies (AIIS), Fremont, CA')).toBe(true);
    const { documents } = await loadCorpus(defaultCorpusDir);
    expect(documents.find((doc) => doc.id === 'pakistan-russia-relations-warm-up')?.title).toBe('Pakistan-Russia relations warm up');
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
