/**
 * The sentence analysis of the chunks ingest stores (src/text/analysis.ts),
 * reusing the previous build's for a chunk whose id and text are unchanged.
 * Many chunks are analysed on a worker thread while ingest fits the corpus
 * model and embeds on its own (at 100k chunks each takes a minute or more: the
 * two cores do them side by side); a few are analysed in-process, where a
 * thread's start (loading the NLP model, about a second) would cost more than it saves.
 * @module
 */
import { analysisAt, analysisColumnsBuilder, type AnalysisColumns } from '../index/analysis-columns.js';
import type { PreviousBuild } from '../index/previous.js';
import { analyseText } from '../text/analysis.js';
import { spawnThread, stoppedEarly } from '../threads/spawn.js';
import type { Chunk } from '../types.js';

/** Chunks to analyse from which a worker thread does it. */
export const THREAD_FROM = 2_000;
/** Chunks between two progress reports. */
export const PROGRESS_EVERY = 10;

/** From the analysis thread: progress, then the analyses. */
export interface AnalysisMessage {
  done: number;
  columns?: AnalysisColumns;
}

export interface PendingAnalyses {
  /** Every chunk's analysis, in chunk order. */
  analyses: Promise<AnalysisColumns>;
  /** Stops the thread, if one runs (an ingest that failed meanwhile). */
  cancel(): Promise<void>;
}

/** Starts analysing `chunks`; `onProgress` hears of the analysed count (the stored ones count as done at once). */
export function analyseChunks(
  chunks: readonly Chunk[],
  previous: PreviousBuild | null,
  onProgress: (done: number, total: number) => void,
  { threadFrom = THREAD_FROM } = {},
): PendingAnalyses {
  const reusedAt = chunks.map((chunk) => previous?.chunks.get(chunk.id)?.text === chunk.text);
  const todo = chunks.flatMap((chunk, i) => (reusedAt[i] ? [] : [chunk.text]));
  const reused = chunks.length - todo.length;
  const report = (done: number) => onProgress(reused + done, chunks.length);
  // The stored analyses are decoded one at a time as they are merged in, never all at once.
  const merge = (fresh: AnalysisColumns): AnalysisColumns => {
    if (reused === 0) return fresh;
    const merged = analysisColumnsBuilder();
    let next = 0;
    // A previous build analyses every chunk it has; were one missing, it is analysed here.
    chunks.forEach((chunk, i) => merged.add(reusedAt[i] ? (previous!.analysis(chunk.id) ?? analyseText(chunk.text)) : analysisAt(fresh, next++)));
    return merged.finish();
  };
  if (todo.length < threadFrom) {
    const fresh = analysisColumnsBuilder();
    todo.forEach((text, i) => {
      fresh.add(analyseText(text));
      if ((i + 1) % PROGRESS_EVERY === 0) report(i + 1);
    });
    report(todo.length);
    return { analyses: Promise.resolve(merge(fresh.finish())), cancel: async () => {} };
  }
  const thread = spawnThread(new URL('./analysis-thread.ts', import.meta.url), todo);
  const delivered = new Promise<AnalysisColumns>((resolve, reject) => {
    thread.on('message', ({ done, columns }: AnalysisMessage) => {
      try {
        report(done);
      } catch (error) {
        // A progress callback that throws aborts the ingest, as it does in-process.
        reject(error as Error);
        void thread.terminate();
        return;
      }
      if (columns) resolve(merge(columns));
    });
  });
  const analyses = Promise.race([delivered, stoppedEarly(thread, 'analysis', 'analysed every chunk')]);
  analyses.catch(() => {});
  return { analyses, cancel: async () => void (await thread.terminate()) };
}
