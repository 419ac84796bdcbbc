import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus, SUPPORTED_EXTENSIONS, type LoadedCorpus } from '../../../src/corpus/load-corpus.js';
import { isQuireError } from '../../../src/errors.js';
import { makePdf } from '../../helpers/pdf.js';

const PAGE = `<!doctype html>
<html><head><title>Gas &amp; Pipelines</title>
<style>.secret-style { color: red }</style><script>var secretScript = 1;</script></head>
<body>
<header><a href="/">Site Name Banner</a></header>
<nav><a href="/news">NavNews</a> <a href="/about">NavAbout</a></nav>
<main>
<h1>Pipeline <em>news</em></h1>
<p>The pipeline will run from Karachi to Lahore, said <a href="https://example.com/report">the report</a>.</p>
<p>Construction starts next year.</p>
<img src="chart.png" alt="SecretAlt">
<noscript>SecretNoscript</noscript>
<form><label>SecretForm</label><input name="q"></form>
<aside>SecretAside</aside>
</main>
<footer>SecretFooter copyright</footer>
</body></html>`;

const MARKDOWN = '# Markdown *Guide*\n\nA paragraph with **bold** text and a [link](https://example.com/md).\n\n```\nlet code = 1;\n```\n';

/** Files written into the temp corpus: path → content. */
const FILES: Record<string, string | Uint8Array> = {
  'notes.txt': 'Plain notes\n\nThe first plain sentence is here.',
  'sub/notes.txt': 'Nested notes\n\nA note in a folder.',
  'guide.md': MARKDOWN,
  'guide.txt': 'Guide as text\n\nSame slug, other extension.',
  'page.html': PAGE,
  'h1-only.htm': '<html><body><h1>Heading Title</h1><p>Body text of the page.</p></body></html>',
  'paper.pdf': makePdf(['A Paper About Pipelines', 'The pipeline carries gas to the north.']),
  'titled.pdf': makePdf(['Body line of a titled PDF.'], { title: 'Declared PDF Title' }),
  'broken.pdf': new TextEncoder().encode('%PDF-1.7\nthis is not really a pdf at all\n%%EOF'),
  // A scan: a page, but no text on it.
  'scanned.pdf': makePdf([]),
  'junk.txt': Uint8Array.from({ length: 512 }, (_, i) => (i * 37 + 11) % 256),
  'controls.md': Uint8Array.from({ length: 200 }, (_, i) => (i % 2 ? 0x41 : 0x01 + (i % 8))),
  'latin1.txt': Uint8Array.from([...new TextEncoder().encode('Caf'), 0xe9, ...new TextEncoder().encode(' au lait.')]),
  'only-boilerplate.txt': 'Leave a Reply\n\nYour email address will not be published.\n',
  'empty.md': '\n   \n',
  '.hidden.txt': 'Hidden file text.',
  '.git/config.txt': 'Hidden folder text.',
  'picture.png': 'not loaded',
  'README': 'no extension',
};

let dir: string;
let corpus: LoadedCorpus;
const seen: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'quire-corpus-'));
  for (const [file, content] of Object.entries(FILES)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  }
  corpus = await loadCorpus(dir, { onFile: (file) => seen.push(file) });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const doc = (id: string) => {
  const found = corpus.documents.find((d) => d.id === id);
  if (!found) throw new Error(`no document ${id}; have ${corpus.documents.map((d) => d.id).join(', ')}`);
  return found;
};

describe('loadCorpus: walking', () => {
  it('supports the documented extensions', () => {
    expect(SUPPORTED_EXTENSIONS).toEqual(['.txt', '.md', '.markdown', '.html', '.htm', '.pdf']);
  });

  it('visits supported files only, skipping dotfiles, in sorted path order', () => {
    const expected = Object.keys(FILES)
      .filter((f) => /\.(txt|md|html?|pdf)$/.test(f) && !f.split('/').some((p) => p.startsWith('.')))
      .sort();
    expect(seen).toEqual(expected);
    expect(corpus.documents.map((d) => d.path)).toEqual([...corpus.documents.map((d) => d.path)].sort());
  });

  it('gives unique ids, qualifying colliding slugs by extension or folder', () => {
    expect(corpus.documents.map((d) => [d.path, d.id])).toEqual([
      ['guide.md', 'guide-md'],
      ['guide.txt', 'guide-txt'],
      ['h1-only.htm', 'h1-only'],
      ['notes.txt', 'notes'],
      ['page.html', 'page'],
      ['paper.pdf', 'paper'],
      ['sub/notes.txt', 'sub-notes'],
      ['titled.pdf', 'titled'],
    ]);
  });

  it('records the sha256 of the raw bytes', () => {
    const bytes = FILES['page.html'] as string;
    expect(doc('page').sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('reports each bad file with a readable reason and loads the rest', () => {
    expect(corpus.failures).toEqual([
      { path: 'broken.pdf', error: expect.stringMatching(/^not a valid PDF/) },
      { path: 'controls.md', error: 'binary data, not text' },
      { path: 'empty.md', error: 'no text after cleaning' },
      { path: 'junk.txt', error: 'binary data, not text' },
      { path: 'latin1.txt', error: 'not valid UTF-8 text' },
      { path: 'only-boilerplate.txt', error: 'no text after cleaning' },
      { path: 'scanned.pdf', error: expect.stringMatching(/^PDF has no text layer \(1 page of images, probably scanned\): it needs OCR first/) },
    ]);
  });

  it('is deterministic', async () => {
    expect(await loadCorpus(dir)).toEqual(corpus);
  });

  it('says a missing corpus directory does not exist, naming it and the setting (not corpus_empty/ENOENT)', async () => {
    const missing = path.join(dir, 'does-not-exist');
    const error = await loadCorpus(missing).catch((e: unknown) => e);
    expect(isQuireError(error) && error.code).toBe('invalid_config');
    expect((error as Error).message).toBe(
      `QUIRE_CORPUS_DIR / --corpus: the corpus directory ${missing} does not exist. Create it and put .txt, .md, .html or .pdf files in it, or point QUIRE_CORPUS_DIR / --corpus at the folder that has them.`,
    );
    const notADir = await loadCorpus(path.join(dir, 'notes.txt')).catch((e: unknown) => e);
    expect(isQuireError(notADir) && notADir.code).toBe('invalid_config');
    expect((notADir as Error).message).toMatch(/notes\.txt is a file, not a directory/);
  });
});

describe('loadCorpus: formats', () => {
  it('plain text: title from the first line', () => {
    expect(doc('notes')).toMatchObject({ title: 'Plain notes', path: 'notes.txt', text: 'Plain notes\n\nThe first plain sentence is here.' });
    expect(doc('sub-notes').path).toBe('sub/notes.txt');
  });

  it('markdown: title from the # heading, markup stripped, code kept', () => {
    const md = doc('guide-md');
    expect(md.title).toBe('Markdown Guide');
    expect(md.text).toBe('Markdown Guide\n\nA paragraph with bold text and a link.\n\nlet code = 1;');
  });

  it('html: title from <title>, paragraphs kept, page chrome and URLs dropped', () => {
    const page = doc('page');
    expect(page.title).toBe('Gas & Pipelines');
    expect(page.text).toContain('The pipeline will run from Karachi to Lahore, said the report.\n\nConstruction starts next year.');
    expect(page.text).toContain('Pipeline news');
    for (const leak of ['secret', 'Secret', 'NavNews', 'NavAbout', 'Site Name Banner', 'example.com', 'chart.png', 'copyright']) {
      expect(page.text).not.toContain(leak);
    }
  });

  it('html: title from the first <h1> without a <title>', () => {
    expect(doc('h1-only')).toMatchObject({ title: 'Heading Title', text: 'Heading Title\n\nBody text of the page.' });
  });

  it('pdf: the text of the page, title from the first line or the declared Title', () => {
    expect(doc('paper')).toMatchObject({ title: 'A Paper About Pipelines', text: 'A Paper About Pipelines\nThe pipeline carries gas to the north.' });
    expect(doc('titled')).toMatchObject({ title: 'Declared PDF Title', text: 'Body line of a titled PDF.' });
  });
});

describe('loadCorpus: ids do not depend on other files', () => {
  it('a failing file does not change the id of a loaded one with the same slug', async () => {
    const own = await mkdtemp(path.join(tmpdir(), 'quire-corpus-'));
    try {
      await writeFile(path.join(own, 'report.txt'), 'The report text.');
      await writeFile(path.join(own, 'report.pdf'), 'not a pdf');
      const loaded = await loadCorpus(own);
      expect(loaded.documents.map((d) => d.id)).toEqual(['report']);
      expect(loaded.failures.map((f) => f.path)).toEqual(['report.pdf']);
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });
});
