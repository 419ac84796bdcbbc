/**
 * The worker thread that grows a new build's HNSW graph (graph-build.ts): it
 * adds the vectors it is sent, in the order sent, then writes the graph when
 * asked and says so.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { threadData } from '../threads/spawn.js';
import type { GraphMessage } from './graph-build.js';
import { createVectorIndex } from './vectors.js';

const { dims, count } = threadData<{ dims: number; count: number }>();
const index = createVectorIndex(dims, count);
parentPort!.on('message', (message: GraphMessage) => {
  if ('write' in message) {
    void index.write(message.write).then(() => parentPort!.postMessage({ written: true }));
    return;
  }
  for (let at = 0; at < message.vectors.length; at += dims) index.add(message.vectors.subarray(at, at + dims));
});
