/**
 * The index counted straight into typed arrays is the one a pair per posting
 * packed into (bm25-reference.ts), and the packed, MaxScore-pruned BM25 returns exactly the ranking (labels and
 * scores, bit for bit) of scoring every posting, on a fixed corpus: the default
 * corpus's chunks plus 3,000 texts resampled from its sentences with the seeded
 * generator, queried with the held-out question sets and random term mixes.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chunkDocument } from '../../../src/chunking/chunker.js';
import { loadCorpus } from '../../../src/corpus/load-corpus.js';
import { seededRandom } from '../../../src/embedding/corpus-model/random.js';
import { buildLexicalIndex, searchLexical, termImpacts, topByImpacts, type LexicalIndex } from '../../../src/retrieval/bm25.js';
import { stringId } from '../../../src/retrieval/string-table.js';
import { tokenize } from '../../../src/text/tokenize.js';
import { splitSentences } from '../../../src/text/sentences.js';
import { defaultCorpusDir, repoRoot } from '../../helpers/fixtures.js';
import { buildLexicalStats, exhaustiveSearch, lexicalIndex, type LexicalStats } from './bm25-reference.js';

let texts: string[];
let stats: LexicalStats;
let index: LexicalIndex;
const queries: string[] = [];

beforeAll(async () => {
  const corpus = await loadCorpus(defaultCorpusDir);
  const chunks = corpus.documents.flatMap((doc) => chunkDocument(doc, { chunkWords: 180, chunkOverlapWords: 30 }).map((chunk) => chunk.text));
  const sentences = corpus.documents.flatMap((doc) => splitSentences(doc.text).map((s) => s.text));
  const random = seededRandom(11);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const resampled = Array.from({ length: 3_000 }, () => Array.from({ length: 3 + Math.floor(random() * 12) }, () => pick(sentences)).join(' '));
  texts = [...chunks, ...resampled, '2019 10 007 1e3 constructor __proto__ hasOwnProperty 4294967295 4294967294'];
  stats = buildLexicalStats(texts);
  index = buildLexicalIndex(texts);

  for (const dir of await readdir(path.join(repoRoot, 'test/eval'))) {
    const file = path.join(repoRoot, 'test/eval', dir, 'qa.jsonl');
    const lines = (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean);
    queries.push(...lines.map((line) => (JSON.parse(line) as { q: string }).q));
  }
  const vocabulary = Object.keys(stats.postings);
  for (let i = 0; i < 300; i++) queries.push(Array.from({ length: 1 + Math.floor(random() * 8) }, () => pick(vocabulary)).join(' '));
  queries.push(pick(sentences), 'the of and', '', 'zeppelin');
});

describe('pruned BM25', () => {
  it('is built exactly as packing a [label, tf] pair per posting built it: same terms in the same order, same arrays', () => {
    expect(index).toEqual(lexicalIndex(stats));
    expect(buildLexicalIndex([])).toEqual(lexicalIndex(buildLexicalStats([])));
  });

  it('has a question set and random queries to compare on', () => {
    expect(queries.length).toBeGreaterThan(350);
  });

  for (const k of [1, 10, 30]) {
    it(`returns exactly the exhaustive top ${k}, labels and scores`, () => {
      for (const query of queries) expect(searchLexical(index, query, k), query).toEqual(exhaustiveSearch(stats, query, k));
    });
  }

  it('gives the same top 30 from the query terms’ stored impacts (the postgres store’s way)', () => {
    const { offsets, labels } = index;
    for (const query of queries) {
      const postings = [...new Set(tokenize(query))].flatMap((term) => {
        const t = stringId(index.terms, term);
        return t === undefined ? [] : [{ labels: labels.subarray(offsets[t]!, offsets[t + 1]!), impacts: termImpacts(index, t) }];
      });
      expect(topByImpacts(postings, index.lengths.length, 30), query).toEqual(searchLexical(index, query, 30));
    }
  });

  it('breaks score ties by the lower label, as the exhaustive sort did', () => {
    const twins = buildLexicalIndex(['gas pipeline', 'cricket', 'gas pipeline', 'gas pipeline']);
    expect(searchLexical(twins, 'gas pipeline', 2).map((hit) => hit.label)).toEqual([0, 2]);
  });
});
