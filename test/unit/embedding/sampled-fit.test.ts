/**
 * A fit on a sample of a large corpus's contexts (matrix.ts, fit.ts): below
 * the cap nothing changes; above it the vocabulary and IDF are still the whole
 * corpus's, every word gets a vector (those outside the sample folded in), and
 * retrieval on the default corpus keeps its answers near the top.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fitCorpusTable } from '../../../src/embedding/corpus-model/fit.js';
import { buildTermMatrix, MIN_WINDOW, windows } from '../../../src/embedding/corpus-model/matrix.js';
import { words } from '../../../src/embedding/corpus-model/words.js';
import { defaultCorpusDir } from '../../helpers/default-corpus.js';

let paragraphs: string[];
const contextsOf = (texts: readonly string[]) => texts.reduce((n, text) => n + windows(words(text).length, { window: MIN_WINDOW, stride: MIN_WINDOW / 2 }).length, 0);

beforeAll(async () => {
  const files = (await readdir(defaultCorpusDir)).sort();
  const texts = await Promise.all(files.map((file) => readFile(path.join(defaultCorpusDir, file), 'utf8')));
  paragraphs = texts.flatMap((text) => text.split(/\n+/).map((line) => line.trim()).filter((line) => line.split(/\s+/).length >= 8));
});

describe('term matrix over a sample of the contexts', () => {
  it('keeps the given number of contexts, and the whole corpus’s vocabulary and IDF', () => {
    const textWords = paragraphs.map(words);
    const whole = buildTermMatrix(textWords);
    const sampled = buildTermMatrix(textWords, { maxContexts: 100 });
    expect(whole.matrix.cols).toBe(contextsOf(paragraphs));
    expect(sampled.matrix.cols).toBe(100);
    expect(sampled.vocabulary).toEqual(whole.vocabulary);
    expect(sampled.idf).toEqual(whole.idf);
    // Every kept context is one of the whole matrix's columns (evenly spread: the first is kept).
    const column = (m: typeof whole.matrix, c: number) => Array.from(m.colIdx).flatMap((col, k) => (col === c ? [m.values[k]] : []));
    expect(column(sampled.matrix, 0)).toEqual(column(whole.matrix, 0));
  });

  it('is the whole matrix when the cap is not reached', () => {
    const textWords = paragraphs.map(words);
    expect(buildTermMatrix(textWords, { maxContexts: contextsOf(paragraphs) })).toEqual(buildTermMatrix(textWords));
  });
});

describe('corpus model fitted on a sample of the contexts', () => {
  const dims = 64;

  it('is the exact fit when the corpus has no more contexts than the cap', () => {
    const exact = fitCorpusTable(paragraphs, dims);
    expect(fitCorpusTable(paragraphs, dims, { maxContexts: exact.contexts })).toEqual(exact);
  });

  it('gives every word a vector: those outside the sample are folded in', () => {
    const model = fitCorpusTable(paragraphs, dims, { maxContexts: 150 });
    expect(model.contexts).toBe(150);
    const sampled = buildTermMatrix(paragraphs.map(words), { maxContexts: 150 }).matrix;
    const outside = Array.from({ length: model.vocabularySize }, (_, w) => w).filter((w) => sampled.rowPtr[w] === sampled.rowPtr[w + 1]);
    expect(outside.length).toBeGreaterThan(100);
    const rowNorm = (w: number) => Math.hypot(...model.table.subarray((w + 2) * model.dims, (w + 3) * model.dims));
    for (let w = 0; w < model.vocabularySize; w++) expect(rowNorm(w)).toBeGreaterThan(0);
  });

  it('still ranks related paragraphs together', () => {
    const model = fitCorpusTable(paragraphs, dims, { maxContexts: 300 });
    const ids = new Map(model.tokens.map((token, id) => [token, id]));
    const embed = (text: string) => {
      const v = new Float64Array(model.dims);
      for (const word of words(text)) {
        const id = ids.get(word) ?? 1;
        for (let j = 0; j < model.dims; j++) v[j]! += model.table[id * model.dims + j]!;
      }
      return v.map((x) => x / (Math.hypot(...v) || 1));
    };
    const rank = (question: string, needle: string) => {
      const q = embed(question);
      const order = paragraphs.map((p, i) => ({ i, score: embed(p).reduce((s, x, j) => s + x * q[j]!, 0) })).sort((a, b) => b.score - a.score);
      return order.findIndex(({ i }) => paragraphs[i]!.includes(needle)) + 1;
    };
    expect(rank('How much gas will the Karachi-Lahore pipeline carry each year?', '12.4 billion cubic metres')).toBeLessThanOrEqual(5);
    expect(rank('Which air defence system is India buying from Russia?', 'S-400')).toBeLessThanOrEqual(5);
  });
});
