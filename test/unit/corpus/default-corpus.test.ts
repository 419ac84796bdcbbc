/** The shipped corpus: what loading and cleaning must (and must not) do to real scraped articles. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitSentences } from '../../../src/text/sentences.js';
import { loadCorpus, type LoadedCorpus } from '../../../src/corpus/load-corpus.js';
import { normalizeText } from '../../../src/corpus/normalize.js';
import { defaultCorpusDir } from '../../helpers/default-corpus.js';

const corpusDir = defaultCorpusDir;

let corpus: LoadedCorpus;
beforeAll(async () => {
  corpus = await loadCorpus(corpusDir);
});
const text = (id: string) => corpus.documents.find((d) => d.id === id)?.text ?? '';
const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1;

/** Sentences of the raw files that are page furniture, not article text. */
const DROPPED = [
  'Leave a Reply',
  'Your email address will not be published.',
  'The writer can be reached at [email protected]',
  // The author line, printed twice (one copy stays).
  'Wali Ejaz Nekokara\nWali Ejaz Nekokara',
  'Must Read',
  'Current_Issue_Nregular_1_1 Archives\nYour_comments Legal',
  'Your donation\nis tax deductable.',
  'Journal of America Team:',
  'Editor in chief:\nAbdus Sattar Ghazali',
  'Managing Editor:\nMertze Dahlin',
  'Senior Editor:\nArthur Scott',
  'Syed Mahmood book\nFront page title small',
  // The run-on first copy of the repeated passage ("...the Kashmir issue Conclusively, Pakistan needs...").
  'Secondly, Pakistan should form relations with Russia based on realpolitik without expecting Russia\'s support to solve the Kashmir issue Conclusively',
];

describe('the default corpus', () => {
  it('loads five documents, none failed, with ids from the file names', () => {
    expect(corpus.failures).toEqual([]);
    expect(corpus.documents.map((d) => d.id)).toEqual([
      'lavrov-visit-new-strides',
      'new-initiatives-pak-russia',
      'pak-russia-ties-prospects-challenges',
      'pakistan-russia-rapprochement',
      'pakistan-russia-relations-warm-up',
    ]);
    expect(corpus.documents.map((d) => d.title)).toContain('New Strides in Pak-Russia Relations');
  });

  it('reports what cleaning dropped', () => {
    expect(corpus.cleaning.duplicateParagraphs).toBeGreaterThan(0);
    expect(corpus.cleaning.boilerplateLines).toBeGreaterThan(0);
  });

  it('keeps one copy of the passage the ties article repeats three times', async () => {
    const raw = await readFile(path.join(corpusDir, 'pak-russia-ties-prospects-challenges.txt'), 'utf8');
    const passage = 'Conclusively, Pakistan needs to form economic relations with Russia';
    expect(occurrences(raw, passage)).toBe(3);
    const ties = text('pak-russia-ties-prospects-challenges');
    expect(occurrences(ties, passage)).toBe(1);
    expect(occurrences(ties, 'In simple words, a state\'s relevance is determined by the economy.')).toBe(1);
    expect(ties).toContain('without expecting Russia\'s support to solve the Kashmir issue.\n');
    expect(ties).toContain('\nWithout over-expecting and with a deep understanding of mutual interests, Pakistan should try to bridge the gap.');
    expect(occurrences(ties, 'Wali Ejaz Nekokara')).toBe(1);
  });

  it('drops the page header, navigation, comment form and "Must Read"', () => {
    const all = corpus.documents.map((d) => d.text).join('\n');
    for (const gone of ['Leave a Reply', 'Your email address', 'Must Read', '[email', 'Current_Issue', 'Your_comments', 'Managing Editor', 'Front page title small']) {
      expect(all).not.toContain(gone);
    }
    expect(occurrences(text('lavrov-visit-new-strides'), 'New Strides in Pak-Russia Relations')).toBe(1);
  });

  it('keeps every sentence of the articles, unchanged apart from whitespace and quotes', async () => {
    const missing: string[] = [];
    for (const doc of corpus.documents) {
      const raw = normalizeText(await readFile(path.join(corpusDir, doc.path), 'utf8'));
      for (const sentence of splitSentences(raw)) {
        if (doc.text.includes(sentence.text)) continue;
        if (!DROPPED.some((dropped) => sentence.text.startsWith(dropped))) missing.push(`${doc.id}: ${sentence.text}`);
      }
    }
    expect(missing).toEqual([]);
    expect(text('pakistan-russia-relations-warm-up').endsWith('Abdus Sattar Ghazali is the Chief Editor of the Journal of America.')).toBe(true);
  });
});
