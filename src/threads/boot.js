// Entry of Quire's worker threads. Worker threads do not inherit tsx's loader from the
// process (see src/bin.js), so each registers it before loading its TypeScript module,
// named by `workerData.entry` (its own data is `workerData.data`: threads/spawn.ts).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
