/**
 * Starting one of Quire's worker threads: its TypeScript module (`entry`) loads
 * through boot.js, and the thread finds `data` as `workerData.data` (threadData).
 * @module
 */
import { Worker, workerData } from 'node:worker_threads';

const BOOT = new URL('./boot.js', import.meta.url);

export const spawnThread = (entry: URL, data: unknown): Worker => new Worker(BOOT, { workerData: { entry: entry.href, data } });

/**
 * Rejects when `thread` fails or exits (`name` and `unfinished` say what it had not done
 * yet); race it with the result awaited. Never an unhandled rejection by itself: a thread
 * that exits after it delivered what it owed rejects a promise no one awaits any more.
 */
export function stoppedEarly(thread: Worker, name: string, unfinished: string): Promise<never> {
  const stopped = new Promise<never>((_, reject) => {
    thread.on('error', reject);
    thread.on('exit', (code) => reject(new Error(`the ${name} thread stopped (exit code ${code}) before it had ${unfinished}`)));
  });
  stopped.catch(() => {});
  return stopped;
}

/** In a thread started by spawnThread: the data it was started with. */
export const threadData = <T>(): T => (workerData as { data: T }).data;
