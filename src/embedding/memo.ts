/**
 * An embedder that remembers the vectors it made. Answering embeds every
 * sentence of the retrieved chunks for each question; the chunks of a loaded
 * index never change, so after the first questions most sentences are known
 * and only the question itself reaches the model.
 * @module
 */
import type { Embedder } from './embedder.js';

export function memoizeEmbedder(embedder: Embedder, maxEntries: number): Embedder {
  const known = new Map<string, Float32Array>();
  return {
    kind: embedder.kind,
    modelId: embedder.modelId,
    dims: embedder.dims,
    async embed(texts) {
      const missing = [...new Set(texts.filter((text) => !known.has(text)))];
      if (missing.length > 0) {
        const vectors = await embedder.embed(missing);
        // Oldest first out: a Map iterates in insertion order.
        for (const [i, text] of missing.entries()) {
          if (known.size >= maxEntries) known.delete(known.keys().next().value!);
          known.set(text, vectors[i]!);
        }
      }
      // A text evicted by this very call (more texts than maxEntries) is embedded again.
      const vectors = texts.map((text) => known.get(text));
      if (vectors.every((v) => v !== undefined)) return vectors as Float32Array[];
      return embedder.embed(texts);
    },
    ...(embedder.dispose && { dispose: () => embedder.dispose!() }),
  };
}
