/**
 * A browser's "Save as PDF" prints a header (date and time, the page title) and a
 * footer (the file URL, "1/4") on every page; they landed in the middle of
 * sentences in chunks, and the repeated-line filter missed the footers because
 * the page number changes. A real four-page PDF with that layout, through the
 * real loader and cleaning.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { removePageFurniture } from '../../../src/corpus/repeats.js';
import { loadFile } from '../../../src/corpus/load-file.js';
import { makePagedPdf, type PlacedText } from '../../helpers/pdf.js';

const TITLE = 'Kestrel Hill Observatory - History';
/** The body of each page; the last line of a page runs on to the next page. */
const BODIES = [
  ['Kestrel Hill Observatory', 'The observatory opened its brass refractor to the public in the spring of 1894,', 'and its first keeper was a retired ferry'],
  ['captain named Aldous Merrow, who kept the logbook for 31 years.', 'Table 2 lists the comets he recorded between 1894 and 1925.', 'In 1911 the council paid for a second, larger'],
  ['dome on the northern slope, finished in 1913.', 'Table 3 lists the visitors of each year after the new dome opened.', 'The refractor was restored in 1988 by volunteers.'],
  ['Today the observatory opens on clear Friday nights from March to October.'],
];

/** One page as Chromium prints it: header at the top, body, footer at the bottom. */
function printedPage(body: readonly string[], n: number, total: number): PlacedText[] {
  return [
    { x: 20, y: 775, text: '12/1/26, 11:07 PM' },
    { x: 240, y: 775, text: TITLE },
    ...body.map((text, i) => ({ x: 72, y: 720 - 16 * i, text })),
    { x: 20, y: 15, text: 'file:///home/ana/Downloads/kestrel-hill-history.html' },
    { x: 570, y: 15, text: `${n}/${total}` },
  ];
}

async function loadPrinted(pages: readonly (readonly string[])[]) {
  const dir = await mkdtemp(path.join(tmpdir(), 'quire-printed-'));
  const file = path.join(dir, 'kestrel-hill-history.pdf');
  await writeFile(file, makePagedPdf(pages.map((body, i) => printedPage(body, i + 1, pages.length))));
  return loadFile(file, 'kestrel-hill-history.pdf');
}

describe('page headers and footers of a printed PDF', () => {
  it('are dropped from every page, the first one too, and sentences over a page break are whole again', async () => {
    const { document, cleaning } = await loadPrinted(BODIES);
    expect(document.text).not.toMatch(/11:07|file:\/\/|\b\d\/4\b/);
    expect(document.text).not.toContain(TITLE);
    expect(document.text).toContain('its first keeper was a retired ferry\ncaptain named Aldous Merrow');
    expect(document.text).toContain('a second, larger\ndome on the northern slope');
    // Body lines that differ only by their numbers, but not at a page's edge on most pages, stay.
    expect(document.text).toContain('Table 2 lists the comets');
    expect(document.text).toContain('Table 3 lists the visitors');
    expect(document.title).toBe('Kestrel Hill Observatory');
    // pdf.js reads each header (date and title) and each footer (URL and page number) as one line.
    expect(cleaning.boilerplateLines).toBe(4 * 2);
  });

  it('keeps a line that repeats on a page edge of only some pages', () => {
    const pages = Array.from({ length: 6 }, (_, i) => [`Running head of page ${i + 1} and its date`, i < 2 ? 'Notes on the comets' : 'More body text follows here.', `A line of its own on page ${'abcdef'[i]}.`].join('\n'));
    const { text, removed } = removePageFurniture(pages.join('\f'));
    expect(text.match(/Notes on the comets/g)).toHaveLength(2);
    expect(text.match(/More body text follows here/g)).toHaveLength(4);
    // The running head differs only by its number and opens every page: it is furniture.
    expect(text).not.toContain('Running head');
    expect(removed).toBe(6);
  });

  it('leaves text without page breaks alone', () => {
    const text = 'Page 1 of the notes\nPage 2 of the notes';
    expect(removePageFurniture(text)).toEqual({ text, removed: 0 });
  });
});
