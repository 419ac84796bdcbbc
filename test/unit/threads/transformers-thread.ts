// A worker thread as Quire starts them (spawnThread) that loads transformers.js, as the compute
// workers do for the corpus model's tokenizer, and says which ONNX Runtime it was given.
import { parentPort } from 'node:worker_threads';
import '@xenova/transformers';

const native = await import('onnxruntime-node');
const common = await import('onnxruntime-common');
parentPort!.postMessage({ nativeBindingAvoided: native === common });
