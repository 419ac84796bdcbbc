/**
 * The dense half of the index: hnswlib-node's HNSW graph over normalised
 * vectors. Labels are positions in the manifest's `labels` array.
 * Called directly rather than through LangChain's HNSWLib store, which keeps
 * its own docstore and embeddings object and cannot reuse stored vectors
 * across incremental builds.
 * @module
 */
import hnswlib from 'hnswlib-node';

const { HierarchicalNSW } = hnswlib;
type Hnsw = InstanceType<typeof HierarchicalNSW>;

// Graph parameters: hnswlib's recommended defaults for ≤ 1M points of a few hundred dims.
const M = 16;
const EF_CONSTRUCTION = 200;
const EF_SEARCH = 100;
const SEED = 100;

export interface VectorIndex {
  readonly dims: number;
  readonly size: number;
  /** Nearest labels first, with cosine similarity. */
  search(query: Float32Array, k: number): { label: number; similarity: number }[];
  vector(label: number): Float32Array;
  write(file: string): Promise<void>;
}

function wrap(hnsw: Hnsw, dims: number): VectorIndex {
  return {
    dims,
    get size() {
      return hnsw.getCurrentCount();
    },
    search(query, k) {
      const n = Math.min(k, hnsw.getCurrentCount());
      if (n === 0) return [];
      const { neighbors, distances } = hnsw.searchKnn(Array.from(query), n);
      return neighbors.map((label, i) => ({ label, similarity: 1 - (distances[i] ?? 1) }));
    },
    vector: (label) => Float32Array.from(hnsw.getPoint(label)),
    write: async (file) => {
      await hnsw.writeIndex(file);
    },
  };
}

export function buildVectorIndex(vectors: readonly Float32Array[], dims: number): VectorIndex {
  const hnsw = new HierarchicalNSW('cosine', dims);
  hnsw.initIndex({ maxElements: Math.max(1, vectors.length), m: M, efConstruction: EF_CONSTRUCTION, randomSeed: SEED });
  vectors.forEach((vector, label) => hnsw.addPoint(Array.from(vector), label));
  hnsw.setEf(EF_SEARCH);
  return wrap(hnsw, dims);
}

export async function readVectorIndex(file: string, dims: number): Promise<VectorIndex> {
  const hnsw = new HierarchicalNSW('cosine', dims);
  await hnsw.readIndex(file);
  hnsw.setEf(EF_SEARCH);
  return wrap(hnsw, dims);
}
