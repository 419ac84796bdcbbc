/**
 * The answer model on documents it was never fitted on: `quire eval`, with the defaults
 * `/ask` uses, over two of the SQuAD 2.0 validation articles the shipped model records
 * (read from ../shared, never copied into the repository), asserting a floor.
 */
import { copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultAnswerModel } from '../../src/answering/model.js';
import { withConfig } from '../../src/config.js';
import type { EvalReport } from '../../src/eval/run-eval.js';
import { ingest } from '../../src/ingest/ingest.js';
import { silentLogger } from '../../src/log.js';
import { sharedDir, tempDir } from '../helpers/fixtures.js';
import { runQuire } from '../helpers/quire-cli.js';

const SQUAD = path.join(sharedDir, 'eval', 'squad-dev');
/** Validation articles used, questions sampled from them, and the seed of the draw. */
const ARTICLES = 2;
const SAMPLE = 120;
const SEED = 7;
// Floors well under what the model reaches on these articles (see src/answering/model/README.md), so only a real regression fails.
const MIN_ANSWERED_WITH_EVIDENCE = 0.5;
const MIN_REFUSED = 0.25;

const missing = existsSync(path.join(SQUAD, 'qa.jsonl')) ? undefined : `${SQUAD} is not there (a clone without ../shared)`;
if (missing) console.warn(`skipping the SQuAD answer-model eval: ${missing}`);

describe.skipIf(missing !== undefined)('quire eval on SQuAD 2.0 validation articles', () => {
  it(`answers at least ${MIN_ANSWERED_WITH_EVIDENCE * 100} % of answerable questions with the evidence cited and refuses at least ${MIN_REFUSED * 100} % of unanswerable ones`, async () => {
    const articles = defaultAnswerModel().split.validation.slice(0, ARTICLES);
    const corpusDir = await tempDir('squad-corpus');
    await mkdir(corpusDir, { recursive: true });
    const files = await readdir(path.join(SQUAD, 'corpus'));
    for (const article of articles) {
      const file = files.find((name) => path.parse(name).name === article);
      expect(file, `corpus file of ${article}`).toBeDefined();
      await copyFile(path.join(SQUAD, 'corpus', file!), path.join(corpusDir, file!));
    }
    const lines = (await readFile(path.join(SQUAD, 'qa.jsonl'), 'utf8')).split('\n').filter((line) => line && articles.includes((JSON.parse(line) as { doc: string }).doc));
    const qaFile = path.join(await tempDir('squad-qa'), 'qa.jsonl');
    await writeFile(qaFile, `${lines.join('\n')}\n`);

    const config = withConfig({ corpusDir, indexDir: await tempDir('squad-index'), embedder: 'corpus', evalSample: SAMPLE, evalSeed: SEED });
    await ingest({ config, log: silentLogger });
    const run = await runQuire(['eval', '--qa', qaFile, '--json'], config);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as EvalReport;
    expect(report.questions).toBe(SAMPLE);
    expect(report.retrievedK).toBe(config.topK);
    console.info(`SQuAD validation slice (${articles.join(', ')}): answered with evidence ${report.answeredWithEvidence}, refused ${report.refusalAccuracy}`);
    expect(report.answeredWithEvidence).toBeGreaterThanOrEqual(MIN_ANSWERED_WITH_EVIDENCE);
    expect(report.refusalAccuracy).toBeGreaterThanOrEqual(MIN_REFUSED);
    const { answerable, unanswerable } = report.confusion;
    expect(answerable.right + answerable.wrong + answerable.refused + unanswerable.answered + unanswerable.refused).toBe(SAMPLE);
  });
});
