/**
 * Quire's worker threads load transformers.js (the corpus model's tokenizer) without ONNX
 * Runtime's native binding, whose unloading with a thread corrupted the heap: a process that
 * started and stopped such threads died with `free(): invalid pointer` about half the time.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { spawnThread } from '../../../src/threads/spawn.js';

const run = promisify(execFile);

describe('worker thread boot', () => {
  it('gives a thread onnxruntime-common where transformers.js imports onnxruntime-node', async () => {
    const thread = spawnThread(new URL('./transformers-thread.ts', import.meta.url), null);
    const report = await new Promise((resolve, reject) => thread.once('message', resolve).once('error', reject));
    await thread.terminate();
    expect(report).toEqual({ nativeBindingAvoided: true });
  });

  it('starts and stops transformers.js threads without harming the process', async () => {
    // Each process had about an even chance of dying before the fix; two must both live.
    const script = new URL('./start-stop-threads.ts', import.meta.url).pathname;
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(run(process.execPath, ['--import', 'tsx', script])).resolves.toBeDefined();
    }
  });
});
