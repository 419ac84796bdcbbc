/**
 * The worker thread that analyses chunk texts for ingest (analyse.ts): it is
 * started with the texts, reports how many it has done now and then, sends the
 * analyses and ends.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { analyseText, type TextAnalysis } from '../text/analysis.js';
import { threadData } from '../threads/spawn.js';
import { PROGRESS_EVERY, type AnalysisMessage } from './analyse.js';

const texts = threadData<readonly string[]>();
const analyses: TextAnalysis[] = [];
for (const text of texts) {
  analyses.push(analyseText(text));
  if (analyses.length % PROGRESS_EVERY === 0) parentPort!.postMessage({ done: analyses.length } satisfies AnalysisMessage);
}
parentPort!.postMessage({ done: analyses.length, analyses } satisfies AnalysisMessage);
