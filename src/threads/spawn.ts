/**
 * Starting one of Quire's worker threads: its TypeScript module (`entry`) loads
 * through boot.js, and the thread finds `data` as `workerData.data` (threadData).
 * @module
 */
import { Worker, workerData } from 'node:worker_threads';

const BOOT = new URL('./boot.js', import.meta.url);

export const spawnThread = (entry: URL, data: unknown): Worker => new Worker(BOOT, { workerData: { entry: entry.href, data } });

/** In a thread started by spawnThread: the data it was started with. */
export const threadData = <T>(): T => (workerData as { data: T }).data;
