import { describe, expect, it } from 'vitest';
import { createChunker, type ChunkerSettings } from '../../../src/chunking/chunker.js';
import { splitSentences } from '../../../src/text/sentences.js';
import { loadCorpus } from '../../../src/corpus/load-corpus.js';
import type { Chunk, Document } from '../../../src/types.js';
import { defaultCorpusDir } from '../../helpers/default-corpus.js';

const wordCount = (text: string) => text.match(/\S+/g)?.length ?? 0;
const doc = (id: string, text: string): Document => ({ id, title: id, path: `${id}.txt`, sha256: '0'.repeat(64), text });

/** `n` sentences of `words` words each, numbered so every sentence is distinct. */
const sentences = (n: number, words: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `S${from + i} ${Array.from({ length: words - 1 }, (_, k) => `w${k}`).join(' ')}.`);

const split = (text: string, settings: ChunkerSettings, id = 'd') => createChunker(settings).split(doc(id, text));

function expectWellFormed(chunks: Chunk[], d: Document) {
  chunks.forEach((chunk, n) => {
    expect(chunk).toMatchObject({ id: `${d.id}:${n}`, docId: d.id, n });
    expect(d.text.slice(chunk.start, chunk.end)).toBe(chunk.text);
  });
  expect(chunks[0]?.start).toBe(d.text.length - d.text.trimStart().length);
  expect(chunks.at(-1)?.end).toBe(d.text.trimEnd().length);
}

describe('createChunker', () => {
  it('rejects settings that cannot work, naming the option', () => {
    expect(() => createChunker({ chunkWords: 0, chunkOverlapWords: 0 })).toThrow(/chunkWords/);
    expect(() => createChunker({ chunkWords: 10.5, chunkOverlapWords: 0 })).toThrow(RangeError);
    expect(() => createChunker({ chunkWords: 50, chunkOverlapWords: -1 })).toThrow(/chunkOverlapWords/);
  });

  it('exposes its settings', () => {
    expect(createChunker({ chunkWords: 180, chunkOverlapWords: 30 }).settings).toEqual({ chunkWords: 180, chunkOverlapWords: 30 });
  });
});

describe('chunk boundaries and sizes', () => {
  const text = sentences(40, 12).join(' ');
  const settings = { chunkWords: 60, chunkOverlapWords: 12 };

  it('slices the document exactly and numbers chunks from 0', async () => {
    expectWellFormed(await split(text, settings), doc('d', text));
  });

  it('starts and ends every chunk on a sentence boundary', async () => {
    const spans = splitSentences(text);
    const starts = new Set(spans.map((s) => s.start));
    const ends = new Set(spans.map((s) => s.end));
    for (const chunk of await split(text, settings)) {
      expect(starts.has(chunk.start)).toBe(true);
      expect(ends.has(chunk.end)).toBe(true);
    }
  });

  it('fills chunks up to chunkWords without exceeding it', async () => {
    const chunks = await split(text, settings);
    for (const chunk of chunks.slice(0, -1)) expect(wordCount(chunk.text)).toBe(60);
  });

  it('opens each chunk with about chunkOverlapWords words of whole sentences from the previous one', async () => {
    const chunks = await split(text, settings);
    for (let i = 1; i < chunks.length; i++) {
      const previous = chunks[i - 1] as Chunk;
      const shared = previous.text.slice((chunks[i] as Chunk).start - previous.start);
      expect(wordCount(shared)).toBe(12);
      expect(shared).toMatch(/^S\d+ .*\.$/);
    }
  });

  it('leaves no gap and no overlap when chunkOverlapWords is 0', async () => {
    const chunks = await split(text, { chunkWords: 60, chunkOverlapWords: 0 });
    for (let i = 1; i < chunks.length; i++) expect(text.slice((chunks[i - 1] as Chunk).end, (chunks[i] as Chunk).start)).toBe(' ');
  });

  it('folds a tail of less than a third of chunkWords into the previous chunk', async () => {
    const chunks = await split(sentences(11, 10).join(' '), { chunkWords: 50, chunkOverlapWords: 0 });
    expect(chunks.map((c) => wordCount(c.text))).toEqual([50, 60]);
    const kept = await split(sentences(12, 10).join(' '), { chunkWords: 50, chunkOverlapWords: 0 });
    expect(kept.map((c) => wordCount(c.text))).toEqual([50, 50, 20]);
  });

  it('ends a chunk at a paragraph break when one falls late enough', async () => {
    const paragraphs = [sentences(4, 10, 0).join(' '), sentences(4, 10, 4).join(' '), sentences(4, 10, 8).join(' ')].join('\n\n');
    const chunks = await split(paragraphs, { chunkWords: 50, chunkOverlapWords: 0 });
    expect(chunks.map((c) => wordCount(c.text))).toEqual([40, 40, 40]);
    expect(chunks.every((c) => !c.text.includes('\n'))).toBe(true);
  });

  it('caps the overlap at half a chunk so every chunk adds new text', async () => {
    const chunks = await split(sentences(30, 5).join(' '), { chunkWords: 20, chunkOverlapWords: 500 });
    for (let i = 1; i < chunks.length; i++) expect((chunks[i] as Chunk).end).toBeGreaterThan((chunks[i - 1] as Chunk).end);
    for (const chunk of chunks) expect(wordCount(chunk.text)).toBeLessThanOrEqual(20 + Math.floor(20 / 3));
  });
});

describe('overlong sentences', () => {
  it('cuts a sentence longer than a chunk at word boundaries into even pieces', async () => {
    const words = Array.from({ length: 250 }, (_, i) => `word${i}`);
    const text = `${words.join(' ')}.`;
    const chunks = await split(text, { chunkWords: 100, chunkOverlapWords: 0 });
    expectWellFormed(chunks, doc('d', text));
    expect(chunks.map((c) => wordCount(c.text))).toEqual([84, 84, 82]);
    expect(chunks.map((c) => c.text).join(' ')).toBe(text);
  });

  it('prefers line breaks when cutting a long run without full stops (a list)', async () => {
    const lines = Array.from({ length: 12 }, (_, i) => `item ${i} ${'x '.repeat(8).trim()}`);
    const text = lines.join('\n');
    const chunks = await split(text, { chunkWords: 50, chunkOverlapWords: 0 });
    expectWellFormed(chunks, doc('d', text));
    for (const chunk of chunks) expect(chunk.text.startsWith('item ')).toBe(true);
  });
});

describe('stability', () => {
  const base = [sentences(10, 15, 0).join(' '), sentences(10, 15, 10).join(' '), sentences(10, 15, 20).join(' ')].join('\n\n');
  const settings = { chunkWords: 80, chunkOverlapWords: 20 };

  it('gives the same chunks for the same document and settings', async () => {
    const first = await split(base, settings);
    const again = await createChunker({ ...settings }).split(doc('d', base));
    expect(again).toEqual(first);
  });

  it('gives ids that do not depend on other documents', async () => {
    const chunker = createChunker(settings);
    const alone = await chunker.split(doc('a', base));
    await chunker.split(doc('b', `${base}\n\nSomething else entirely.`));
    const other = await chunker.split(doc('b', 'A different document now.'));
    expect(await chunker.split(doc('a', base))).toEqual(alone);
    expect(other.map((c) => c.id)).toEqual(['b:0']);
  });

  it('keeps earlier chunks unchanged when text is appended to the document', async () => {
    const before = await split(base, settings);
    const after = await split(`${base}\n\n${sentences(8, 15, 30).join(' ')}`, settings);
    const unchanged = before.slice(0, -1);
    expect(after.slice(0, unchanged.length)).toEqual(unchanged);
  });
});

describe('the default corpus', () => {
  it('chunks every document within bounds, with exact offsets', async () => {
    const corpus = await loadCorpus(defaultCorpusDir);
    const chunker = createChunker({ chunkWords: 180, chunkOverlapWords: 30 });
    for (const d of corpus.documents) {
      const chunks = await chunker.split(d);
      expectWellFormed(chunks, d);
      const sizes = chunks.map((c) => wordCount(c.text));
      expect(Math.max(...sizes)).toBeLessThanOrEqual(240);
      const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
      expect(mean).toBeGreaterThan(120);
      expect(mean).toBeLessThanOrEqual(200);
    }
  });

  it('handles an empty document', async () => {
    expect(await split('', { chunkWords: 180, chunkOverlapWords: 30 })).toEqual([]);
  });
});
