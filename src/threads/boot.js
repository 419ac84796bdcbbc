// Entry of Quire's worker threads. Worker threads do not inherit tsx's loader from the
// process (see src/bin.js), so each registers it before loading its TypeScript module,
// named by `workerData.entry` (its own data is `workerData.data`: threads/spawn.ts). They
// never load ONNX Runtime's native binding (without-native-onnx.js says why).
import { register as registerHooks } from 'node:module';
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

registerHooks('./without-native-onnx.js', import.meta.url);
register();
await import(workerData.entry);
