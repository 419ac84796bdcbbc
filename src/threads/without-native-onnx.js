// Module resolution hook of Quire's worker threads (registered by boot.js): `onnxruntime-node`
// resolves to `onnxruntime-common`, the same Tensor and session API without the native binding.
// onnxruntime-node 1.14's binding corrupts the process's heap when a worker thread that loaded
// it exits (`free(): invalid pointer` or a segfault, in about half the runs of two workers
// started and stopped four times), and a second thread cannot load it at all ("Module did not
// self-register"). transformers.js imports it at start-up, for its tokenizers too; a thread
// that embeds with the corpus model's table needs no ONNX session.
export async function resolve(specifier, context, nextResolve) {
  return nextResolve(specifier === 'onnxruntime-node' ? 'onnxruntime-common' : specifier, context);
}
