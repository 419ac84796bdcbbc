/**
 * A synthetic corpus of any size for benchmarks: sentences resampled from the
 * default corpus with a seeded generator, salted with made-up words so the
 * vocabulary grows the way a real large corpus's does.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { splitSentences } from '../../src/text/sentences.js';
// The corpus model's seeded generator: every run benchmarks the same corpus.
import { seededRandom } from '../../src/embedding/corpus-model/random.js';

const SYLLABLES = ['ka', 'ro', 'vi', 'stan', 'mir', 'lo', 'zu', 'ten', 'ar', 'bel', 'qu', 'dor', 'ish', 'nov', 'pa', 'gri'];

export async function writeSyntheticCorpus(sourceDir: string, targetDir: string, words: number, seed = 7): Promise<{ documents: number; words: number }> {
  const random = seededRandom(seed);
  const sentences: string[] = [];
  for (const name of await readdir(sourceDir)) {
    sentences.push(...splitSentences(await readFile(path.join(sourceDir, name), 'utf8')).map((s) => s.text.replace(/\s+/g, ' ')));
  }
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const madeUpWord = () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(SYLLABLES)).join('');
  await mkdir(targetDir, { recursive: true });
  let written = 0;
  let documents = 0;
  while (written < words) {
    const paragraphs: string[] = [];
    let docWords = 0;
    while (docWords < 2_000) {
      const paragraph = Array.from({ length: 4 + Math.floor(random() * 4) }, () =>
        pick(sentences).replace(/\b[A-Z][a-z]{4,}\b/g, (w) => (random() < 0.15 ? madeUpWord().replace(/^./, (c) => c.toUpperCase()) : w)),
      ).join(' ');
      paragraphs.push(paragraph);
      docWords += paragraph.split(/\s+/).length;
    }
    await writeFile(path.join(targetDir, `synthetic-${String(documents).padStart(4, '0')}.txt`), `Synthetic document ${documents}\n\n${paragraphs.join('\n\n')}\n`);
    written += docWords;
    documents += 1;
  }
  return { documents, words: written };
}
