/**
 * The sentence analysis of the chunks ingest stores (src/text/analysis.ts),
 * reusing the previous build's for a chunk whose id and text are unchanged.
 * Many chunks are analysed on a worker thread while ingest fits the corpus
 * model and embeds on its own (at 100k chunks each takes a minute or more: the
 * two cores do them side by side); a few are analysed in-process, where a
 * thread's start (loading the NLP model, about a second) would cost more than it saves.
 * @module
 */
import { analyseText, type TextAnalysis } from '../text/analysis.js';
import type { PreviousBuild } from '../index/previous.js';
import { spawnThread, stoppedEarly } from '../threads/spawn.js';
import type { Chunk } from '../types.js';

/** Chunks to analyse from which a worker thread does it. */
export const THREAD_FROM = 2_000;
/** Chunks between two progress reports. */
export const PROGRESS_EVERY = 10;

/** From the analysis thread: progress, then the analyses. */
export interface AnalysisMessage {
  done: number;
  analyses?: TextAnalysis[];
}

export interface PendingAnalyses {
  /** Every chunk's analysis, in chunk order. */
  analyses: Promise<TextAnalysis[]>;
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
  const stored = chunks.map((chunk) => (previous?.chunks.get(chunk.id)?.text === chunk.text ? previous.analysis(chunk.id) : undefined));
  const todo = chunks.flatMap((chunk, i) => (stored[i] ? [] : [chunk.text]));
  const reused = chunks.length - todo.length;
  const report = (done: number) => onProgress(reused + done, chunks.length);
  const merge = (fresh: readonly TextAnalysis[]) => {
    let next = 0;
    return stored.map((analysis) => analysis ?? fresh[next++]!);
  };
  if (todo.length < threadFrom) {
    const fresh: TextAnalysis[] = [];
    for (const text of todo) {
      fresh.push(analyseText(text));
      if (fresh.length % PROGRESS_EVERY === 0) report(fresh.length);
    }
    report(fresh.length);
    return { analyses: Promise.resolve(merge(fresh)), cancel: async () => {} };
  }
  const thread = spawnThread(new URL('./analysis-thread.ts', import.meta.url), todo);
  const delivered = new Promise<TextAnalysis[]>((resolve, reject) => {
    thread.on('message', ({ done, analyses: fresh }: AnalysisMessage) => {
      try {
        report(done);
      } catch (error) {
        // A progress callback that throws aborts the ingest, as it does in-process.
        reject(error as Error);
        void thread.terminate();
        return;
      }
      if (fresh) resolve(merge(fresh));
    });
  });
  const analyses = Promise.race([delivered, stoppedEarly(thread, 'analysis', 'analysed every chunk')]);
  analyses.catch(() => {});
  return { analyses, cancel: async () => void (await thread.terminate()) };
}
