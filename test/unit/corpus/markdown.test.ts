import { describe, expect, it } from 'vitest';
import { stripMarkdown } from '../../../src/corpus/loaders/markdown.js';

describe('stripMarkdown', () => {
  it('keeps the words of headings, emphasis and links, and drops their markup', () => {
    const md = [
      '# The *Main* Title',
      '',
      'Some **bold**, _italic_ and ~~struck~~ words with a [link](https://example.com/x) and `code`.',
      '![diagram of the pipeline](img/p.png)',
      '> A quoted line.',
      '',
      '## Section ##',
      'Setext heading',
      '--------------',
      'snake_case_name and 2 * 3 * 4 stay as written.',
      '[ref]: https://example.com/ref',
    ].join('\n');
    const { text, title } = stripMarkdown(md);
    expect(title).toBe('The Main Title');
    expect(text).toBe(
      [
        'The Main Title',
        '',
        'Some bold, italic and struck words with a link and code.',
        'diagram of the pipeline',
        'A quoted line.',
        '',
        'Section',
        'Setext heading',
        'snake_case_name and 2 * 3 * 4 stay as written.',
      ].join('\n'),
    );
    expect(text).not.toContain('example.com');
  });

  it('keeps fenced code as written', () => {
    const { text } = stripMarkdown('Intro.\n\n```ts\nconst **x** = [a](b); # not a heading\n```\n');
    expect(text).toContain('const **x** = [a](b); # not a heading');
    expect(text).not.toContain('```');
  });

  it('takes the title from front matter, and has none without a level-1 heading', () => {
    expect(stripMarkdown('---\ntitle: "From Front Matter"\ndate: 2020\n---\n# Heading\nText').title).toBe('From Front Matter');
    expect(stripMarkdown('---\ntitle: x\n---\nBody').text).toBe('Body');
    expect(stripMarkdown('## Only a subheading\nText').title).toBeUndefined();
  });
});
