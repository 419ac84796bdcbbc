/**
 * A small pool of worker threads that runs the server's per-request CPU work
 * (retrieval and answer scoring, see ask-compute.ts) so that concurrent
 * questions use every core instead of queueing behind one event loop. The
 * server reads a build once; each worker is posted its data (SharedArrayBuffer
 * views: one copy of the chunks, postings and analyses for all threads) before
 * its first request on that build, and opens only its own vector index and
 * embedder. A request goes to the worker with the fewest in flight. A worker
 * that dies fails only its own requests and is replaced (and is posted the
 * data again when next asked about a build). Closing lets the requests under
 * way finish first.
 * @module
 */
import type { Worker } from 'node:worker_threads';
import type { AskCompute } from '../../ask-compute.js';
import type { Config } from '../../config.js';
import { QuireError, type ErrorCode } from '../../errors.js';
import type { ServedIndex } from '../../index/open.js';
import { postable } from '../../index/posted.js';
import type { Logger } from '../../log.js';
import { spawnThread } from '../../threads/spawn.js';
import type { ComputeCall, ComputeReply, ComputeRequest } from './protocol.js';

export interface ComputePool extends AskCompute {
  /** Has every worker open the build now, ahead of its first question; rejects when one cannot. */
  open(index: ServedIndex): Promise<void>;
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>;
  /** Builds whose data this worker was posted. */
  given: Set<string>;
}

const WORKER = new URL('./worker.ts', import.meta.url);
/** Builds a worker keeps open (worker.ts): the pool forgets having posted older ones. */
const OPEN_BUILDS = 2;
/** How long closing waits for the requests under way before it stops the workers. */
const DRAIN_MS = 5_000;

function remember(slot: Slot, buildDir: string): void {
  slot.given.add(buildDir);
  for (const old of [...slot.given].slice(0, -OPEN_BUILDS)) slot.given.delete(old);
}

export function createComputePool(config: Config, log: Logger, size: number): ComputePool {
  let nextId = 0;
  let closed = false;
  const slots: Slot[] = [];
  const underWay = new Set<Promise<unknown>>();

  function spawn(at: number): void {
    const slot: Slot = { worker: spawnThread(WORKER, config), pending: new Map(), given: new Set() };
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

  const leastBusy = () => slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));

  function post(slot: Slot, buildDir: string, message: ComputeCall): Promise<unknown> {
    if (closed) return Promise.reject(new Error('the compute pool is closed'));
    const id = nextId++;
    const reply = new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ ...message, id, buildDir } satisfies ComputeRequest);
    });
    underWay.add(reply);
    const done = () => void underWay.delete(reply);
    reply.then(done, done);
    return reply;
  }

  /** Posts the build's data first if this worker has not had it; a worker handles its messages in order. */
  function call(index: ServedIndex, message: ComputeCall, slot = leastBusy()): Promise<unknown> {
    if (!slot.given.has(index.buildDir)) {
      remember(slot, index.buildDir);
      post(slot, index.buildDir, { op: 'open', data: index.data && postable(index.data) }).catch(() => slot.given.delete(index.buildDir));
    }
    return post(slot, index.buildDir, message);
  }

  return {
    retrieve: (index, query, options) => call(index, { op: 'retrieve', query, options }) as ReturnType<AskCompute['retrieve']>,
    composeExtractive: (index, query, retrieved, options) => call(index, { op: 'compose', query, retrieved, options }) as ReturnType<AskCompute['composeExtractive']>,
    async open(index) {
      await Promise.all(
        slots.map((slot) => {
          remember(slot, index.buildDir);
          return post(slot, index.buildDir, { op: 'open', data: index.data && postable(index.data) }).catch((error: unknown) => {
            slot.given.delete(index.buildDir);
            throw error;
          });
        }),
      );
    },
    async close() {
      closed = true;
      // Questions under way get their answers (a server shutting down lets its last requests finish) unless one hangs.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...underWay]), new Promise((resolve) => (timer = setTimeout(resolve, DRAIN_MS)))]);
      clearTimeout(timer);
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
