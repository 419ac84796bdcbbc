/**
 * The dense half of the index: an HNSW graph over normalised vectors, built and
 * written by hnswlib-node, searched when read back by hnsw-search.ts over one
 * shared copy of the file (hnsw-file.ts). Labels are positions in the manifest's
 * `labels` array.
 * Called directly rather than through LangChain's HNSWLib store, which keeps
 * its own docstore and embeddings object and cannot reuse stored vectors
 * across incremental builds.
 * @module
 */
import hnswlib from 'hnswlib-node';
import { hnswVector, normalisedQuery, searchHnsw, type HnswGraph } from '../retrieval/hnsw-search.js';
import { readHnswGraph } from './hnsw-file.js';

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
}

/** A graph just built by ingest, to be written. */
export interface BuiltVectorIndex extends VectorIndex {
  write(file: string): Promise<void>;
}

/** A graph being built: vectors are added label by label, from 0. */
export interface GrowingVectorIndex extends BuiltVectorIndex {
  add(vector: Float32Array): void;
}

function wrap(hnsw: Hnsw, dims: number): GrowingVectorIndex {
  let next = 0;
  return {
    dims,
    add: (vector) => hnsw.addPoint(Array.from(vector), next++),
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

/**
 * An empty graph for `count` vectors, filled label by label with `add` (from 0, in
 * order: hnswlib's build is deterministic for a given seed and insertion order).
 */
export function createVectorIndex(dims: number, count: number): GrowingVectorIndex {
  const hnsw = new HierarchicalNSW('cosine', dims);
  hnsw.initIndex({ maxElements: Math.max(1, count), m: M, efConstruction: EF_CONSTRUCTION, randomSeed: SEED });
  hnsw.setEf(EF_SEARCH);
  return wrap(hnsw, dims);
}

export function buildVectorIndex(vectors: readonly Float32Array[], dims: number): BuiltVectorIndex {
  const index = createVectorIndex(dims, vectors.length);
  for (const vector of vectors) index.add(vector);
  return index;
}

/** Search over a graph read by readHnswGraph (in this thread, or posted to it). */
export function graphVectorIndex(graph: HnswGraph): VectorIndex {
  return {
    dims: graph.dims,
    size: graph.count,
    search(query, k) {
      const n = Math.min(k, graph.count);
      return searchHnsw(graph, normalisedQuery(query), n, EF_SEARCH).map(({ label, distance }) => ({ label, similarity: 1 - distance }));
    },
    vector: (label) => hnswVector(graph, label),
  };
}

export async function readVectorIndex(file: string, dims: number): Promise<VectorIndex> {
  return graphVectorIndex(await readHnswGraph(file, dims));
}
