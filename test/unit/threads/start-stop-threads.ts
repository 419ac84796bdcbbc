// Run as its own process by boot.test.ts: starts two transformers.js threads and stops them,
// four times over. The process exits 0 unless a thread's exit corrupted its heap.
import { spawnThread } from '../../../src/threads/spawn.js';

const THREAD = new URL('./transformers-thread.ts', import.meta.url);
for (let round = 0; round < 4; round++) {
  const threads = [0, 1].map(() => spawnThread(THREAD, null));
  await Promise.all(threads.map((thread) => new Promise((resolve, reject) => thread.once('message', resolve).once('error', reject))));
  await Promise.all(threads.map((thread) => thread.terminate()));
}
