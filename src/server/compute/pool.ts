/**
 * A small pool of worker threads that runs the server's per-request CPU work
 * (retrieval and answer scoring, see ask-compute.ts) so that concurrent
 * questions use every core instead of queueing behind one event loop. Each
 * worker opens the index builds itself (from the same files, read-only); a
 * request goes to the worker with the fewest in flight. A worker that dies
 * fails only its own requests and is replaced.
 * @module
 */
import { Worker } from 'node:worker_threads';
import type { AskCompute } from '../../ask-compute.js';
import type { Config } from '../../config.js';
import { QuireError, type ErrorCode } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { ComputeCall, ComputeReply, ComputeRequest } from './protocol.js';

export interface ComputePool extends AskCompute {
  /** Has every worker open `buildDir` and load its text analysis now, ahead of its first question. */
  warm(buildDir: string): Promise<void>;
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>;
}

const BOOT = new URL('./boot.js', import.meta.url);

export function createComputePool(config: Config, log: Logger, size: number): ComputePool {
  let nextId = 0;
  let closed = false;
  const slots: Slot[] = [];

  function spawn(at: number): void {
    const slot: Slot = { worker: new Worker(BOOT, { workerData: config }), pending: new Map() };
    slot.worker.on('message', (reply: ComputeReply) => {
      const waiting = slot.pending.get(reply.id);
      slot.pending.delete(reply.id);
      if (!waiting) return;
      if (reply.ok) waiting.resolve(reply.value);
      else waiting.reject(reply.error.code ? new QuireError(reply.error.code as ErrorCode, reply.error.message) : new Error(reply.error.message));
    });
    slot.worker.on('error', (error) => log.error('compute worker failed', { error: error.message }));
    slot.worker.on('exit', (code) => {
      for (const { reject } of slot.pending.values()) reject(new Error(`the compute worker stopped (exit code ${code})`));
      slot.pending.clear();
      if (!closed) spawn(at);
    });
    slots[at] = slot;
  }
  for (let i = 0; i < size; i++) spawn(i);

  function call(buildDir: string, message: ComputeCall, slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a))): Promise<unknown> {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ ...message, id, buildDir } satisfies ComputeRequest);
    });
  }

  return {
    retrieve: (index, query, options) => call(index.buildDir, { op: 'retrieve', query, options }) as ReturnType<AskCompute['retrieve']>,
    composeExtractive: (index, query, retrieved, options) => call(index.buildDir, { op: 'compose', query, retrieved, options }) as ReturnType<AskCompute['composeExtractive']>,
    async warm(buildDir) {
      await Promise.all(
        slots.map((slot) => call(buildDir, { op: 'open' }, slot).catch((error: Error) => log.warn('compute worker could not open the index', { buildDir, error: error.message }))),
      );
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
