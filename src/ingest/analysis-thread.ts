/**
 * The worker thread that analyses chunk texts for ingest (analyse.ts): it is
 * started with the texts, reports how many it has done now and then, moves the
 * analyses' columns to the main thread and ends.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { analysisColumnsBuilder, columnBuffers } from '../index/analysis-columns.js';
import { analyseText } from '../text/analysis.js';
import { threadData } from '../threads/spawn.js';
import { PROGRESS_EVERY, type AnalysisMessage } from './analyse.js';

const texts = threadData<readonly string[]>();
const analyses = analysisColumnsBuilder();
let done = 0;
for (const text of texts) {
  analyses.add(analyseText(text));
  if (++done % PROGRESS_EVERY === 0) parentPort!.postMessage({ done } satisfies AnalysisMessage);
}
const columns = analyses.finish();
parentPort!.postMessage({ done, columns } satisfies AnalysisMessage, columnBuffers(columns));
