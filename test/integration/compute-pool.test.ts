/**
 * The server's compute workers give exactly the in-process results: the same
 * retrieved chunks and the same extractive answers, also with many questions in
 * flight at once; an error in a worker reaches the caller as the same QuireError.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessCompute } from '../../src/ask-compute.js';
import type { Config } from '../../src/config.js';
import { openIndex, type LoadedIndex } from '../../src/index/open.js';
import { silentLogger } from '../../src/log.js';
import { createComputePool, type ComputePool } from '../../src/server/compute/pool.js';
import { buildDefaultIndex, repoRoot } from '../helpers/fixtures.js';

let config: Config;
let index: LoadedIndex;
let pool: ComputePool;
let questions: string[];
const RETRIEVE = { topK: 6, candidateK: 30, rrfK: 60 };
const COMPOSE = { minEvidence: 0.2, maxSentences: 2 };

beforeAll(async () => {
  ({ config } = await buildDefaultIndex());
  index = await openIndex(config);
  pool = createComputePool(config, silentLogger, 2);
  const lines = (await readFile(path.join(repoRoot, 'test/eval/held-out-1/qa.jsonl'), 'utf8')).split('\n').filter(Boolean);
  questions = lines.slice(0, 8).map((line) => (JSON.parse(line) as { q: string }).q);
});

afterAll(async () => {
  await pool.close();
});

describe('compute pool', () => {
  it('retrieves and composes exactly as in-process, 8 questions at once', async () => {
    const inWorkers = await Promise.all(
      questions.map(async (q) => {
        const retrieved = await pool.retrieve(index, q, RETRIEVE);
        return { retrieved, composed: await pool.composeExtractive(index, q, retrieved, COMPOSE) };
      }),
    );
    for (const [i, q] of questions.entries()) {
      const retrieved = await inProcessCompute.retrieve(index, q, RETRIEVE);
      expect(inWorkers[i]!.retrieved).toEqual(retrieved);
      expect(inWorkers[i]!.composed).toEqual(await inProcessCompute.composeExtractive(index, q, retrieved, COMPOSE));
    }
  });

  it('lets the requests under way finish when it closes, and refuses new ones', async () => {
    const closing = createComputePool(config, silentLogger, 1);
    const answer = closing.retrieve(index, questions[0]!, RETRIEVE);
    await closing.close();
    expect(await answer).toEqual(await inProcessCompute.retrieve(index, questions[0]!, RETRIEVE));
    await expect(closing.retrieve(index, questions[1]!, RETRIEVE)).rejects.toThrow('the compute pool is closed');
  });

  it('passes a worker-side QuireError on with its code', async () => {
    const buildDir = path.join(config.indexDir, 'builds', 'no-such-build');
    // Posted without its corpus model's table, the worker opens the model from the build's directory, which is not there.
    const data = { ...index.data!, buildDir };
    delete data.corpusModel;
    const missing = { ...index, buildDir, data };
    await expect(pool.retrieve(missing, 'gas pipeline', RETRIEVE)).rejects.toMatchObject({ name: 'QuireError', code: 'index_corrupt' });
  });
});
