/**
 * The HNSW graph of a new build, grown while ingest embeds: vectors are handed
 * over as they come, in label order, and from GRAPH_THREAD_FROM vectors on the
 * graph grows on a worker thread (graph-thread.ts), so that hnswlib's
 * single-threaded build — at 117k chunks most of the write phase — runs beside
 * the embedding instead of after it. Same vectors, same order, same seed: the
 * same graph, byte for byte, as building it at the end.
 * @module
 */
import { spawnThread, stoppedEarly } from '../threads/spawn.js';
import { createVectorIndex } from './vectors.js';

/** Vectors from which the graph grows on a thread (below, a thread's start costs more than it saves). */
export const GRAPH_THREAD_FROM = 2_000;

/** To the graph thread: the next vectors (row-major, label order), or where to write the graph. */
export type GraphMessage = { vectors: Float32Array } | { write: string };

export interface GraphBuild {
  /** Adds the next vectors, in label order from 0. */
  add(vectors: readonly Float32Array[]): void;
  /** Writes the graph of the vectors added (all of them, by then) to `file`. */
  write(file: string): Promise<void>;
  /** Stops building (an ingest that failed). */
  cancel(): Promise<void>;
}

export function startGraphBuild(dims: number, count: number, { threadFrom = GRAPH_THREAD_FROM } = {}): GraphBuild {
  if (count < threadFrom) {
    const index = createVectorIndex(dims, count);
    return { add: (vectors) => vectors.forEach((vector) => index.add(vector)), write: (file) => index.write(file), cancel: async () => {} };
  }
  const thread = spawnThread(new URL('./graph-thread.ts', import.meta.url), { dims, count });
  const stopped = stoppedEarly(thread, 'graph', 'written the graph');
  const post = (message: GraphMessage, transfer: ArrayBuffer[] = []) => thread.postMessage(message, transfer);
  return {
    add(vectors) {
      if (vectors.length === 0) return;
      const rows = new Float32Array(vectors.length * dims);
      vectors.forEach((vector, i) => rows.set(vector, i * dims));
      post({ vectors: rows }, [rows.buffer]);
    },
    async write(file) {
      const written = new Promise<void>((resolve) => thread.once('message', () => resolve()));
      post({ write: file });
      try {
        await Promise.race([written, stopped]);
      } finally {
        await thread.terminate();
      }
    },
    cancel: async () => void (await thread.terminate()),
  };
}
