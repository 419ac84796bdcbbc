/**
 * Nearest-neighbour search over an HNSW graph written by hnswlib (Malkov &
 * Yashunin, "Efficient and robust approximate nearest neighbor search using
 * Hierarchical Navigable Small World graphs", 2018), in plain JS over typed
 * arrays, so that every compute worker searches one shared copy of the graph
 * instead of loading its own into native memory.
 *
 * It walks the graph exactly as hnswlib 0.8's `searchKnn` does (greedy descent
 * through the upper levels, then a best-first search of level 0 with `ef`
 * candidates) and computes each distance with the same float32 operations in
 * the same order as its SSE inner product (four lanes summed across, then
 * 1 − sum), so it returns the same neighbours and bit-identical distances
 * (test/unit/retrieval/hnsw-search.test.ts compares the two).
 * @module
 */

/** hnswlib's index (the file it writes) as typed arrays over one buffer. */
export interface HnswGraph {
  readonly dims: number;
  /** Elements in the graph; internal ids are 0 … count − 1. */
  readonly count: number;
  readonly maxLevel: number;
  readonly entryPoint: number;
  /** Level-0 records, one every `recordWords` 32-bit words: [link count, maxM0 links, vector, label (64-bit)]. */
  readonly level0: Uint32Array;
  /** The same bytes as floats, to read vectors without copying. */
  readonly level0Floats: Float32Array;
  readonly recordWords: number;
  /** Word offsets of a record's vector and label. */
  readonly dataWord: number;
  readonly labelWord: number;
  /** Upper-level link lists (the whole file as words) and, per element, the word where its level-1 list starts (0: none). */
  readonly upper: Uint32Array;
  readonly upperStart: Uint32Array;
  /** Words per upper-level list: a count and maxM links. */
  readonly upperListWords: number;
  /** Internal id of each label. */
  readonly internalOf: Uint32Array;
}

const f = Math.fround;

/** Query vectors are normalised as hnswlib-node normalises them for its cosine space (float32, sequential sum). */
export function normalisedQuery(query: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < query.length; i++) sum = f(sum + f(query[i]! * query[i]!));
  const norm = f(Math.sqrt(Math.abs(sum)));
  return norm > 0 ? Float32Array.from(query, (v) => f(v / norm)) : Float32Array.from(query);
}

/**
 * hnswlib's SSE inner-product distance: products summed in four float32 lanes
 * (lane j takes elements 4m + j), the lanes summed left to right; for widths
 * that are no multiple of 4, the first multiple of 16 (or of 4, below 16 dims)
 * that way and the rest one by one, as its `…Residuals` variants do.
 */
function distance(graph: HnswGraph, query: Float32Array, id: number): number {
  const v = graph.level0Floats;
  const at = id * graph.recordWords + graph.dataWord;
  const dims = graph.dims;
  const split = dims % 4 === 0 ? dims : dims > 16 ? dims - (dims % 16) : dims - (dims % 4);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let i = 0; i < split; i += 4) {
    s0 = f(s0 + f(query[i]! * v[at + i]!));
    s1 = f(s1 + f(query[i + 1]! * v[at + i + 1]!));
    s2 = f(s2 + f(query[i + 2]! * v[at + i + 2]!));
    s3 = f(s3 + f(query[i + 3]! * v[at + i + 3]!));
  }
  let sum = f(f(f(s0 + s1) + s2) + s3);
  if (split < dims) {
    let tail = 0;
    for (let i = split; i < dims; i++) tail = f(tail + f(query[i]! * v[at + i]!));
    sum = f(sum + tail);
  }
  return f(1 - sum);
}

/** Per-thread visited marks, reused across searches by bumping the epoch. */
let marks = new Uint32Array(0);
let epoch = 0;

/** The `k` nearest labels to `query` (normalised with normalisedQuery), nearest first, with hnswlib's distances. */
export function searchHnsw(graph: HnswGraph, query: Float32Array, k: number, ef: number): { label: number; distance: number }[] {
  if (graph.count === 0 || k <= 0) return [];
  let current = graph.entryPoint;
  let currentDistance = distance(graph, query, current);
  for (let level = graph.maxLevel; level > 0; level--) {
    for (let changed = true; changed; ) {
      changed = false;
      const list = graph.upperStart[current]! + (level - 1) * graph.upperListWords;
      const size = graph.upper[list]! & 0xffff;
      for (let j = 1; j <= size; j++) {
        const candidate = graph.upper[list + j]!;
        const d = distance(graph, query, candidate);
        if (d < currentDistance) {
          currentDistance = d;
          current = candidate;
          changed = true;
        }
      }
    }
  }
  const top = searchLevel0(graph, query, current, Math.max(ef, k));
  // hnswlib keeps the k best of its ef by popping the rest (ties go as its heap leaves them), and reports them by (distance, label).
  while (top.size() > k) top.pop();
  return top
    .entries()
    .map(({ id, distance }) => ({ label: graph.level0[id * graph.recordWords + graph.labelWord]!, distance }))
    .sort((a, b) => a.distance - b.distance || a.label - b.label);
}

function searchLevel0(graph: HnswGraph, query: Float32Array, entry: number, ef: number): ReturnType<typeof createMaxHeap> {
  if (marks.length < graph.count) marks = new Uint32Array(graph.count);
  if (++epoch === 0xffffffff) {
    marks.fill(0);
    epoch = 1;
  }
  const top = createMaxHeap(); // by distance: the farthest kept on top
  const candidates = createMaxHeap(); // by −distance: the nearest on top
  const d0 = distance(graph, query, entry);
  let lowerBound = d0;
  top.push(d0, entry);
  candidates.push(-d0, entry);
  marks[entry] = epoch;
  const { level0, recordWords } = graph;
  while (candidates.size() > 0) {
    if (-candidates.topKey() > lowerBound) break;
    const node = candidates.pop();
    const record = node * recordWords;
    const size = level0[record]! & 0xffff;
    for (let j = 1; j <= size; j++) {
      const candidate = level0[record + j]!;
      if (marks[candidate] === epoch) continue;
      marks[candidate] = epoch;
      const d = distance(graph, query, candidate);
      if (top.size() < ef || lowerBound > d) {
        candidates.push(-d, candidate);
        top.push(d, candidate);
        if (top.size() > ef) top.pop();
        if (top.size() > 0) lowerBound = top.topKey();
      }
    }
  }
  return top;
}

/**
 * A max-heap of (key, id) on keys that moves its entries exactly as libstdc++'s
 * std::priority_queue (push_heap, and pop_heap's hole sifted to a leaf then the
 * last entry pushed back up): among equal keys hnswlib's searches then pop the
 * same entries in the same order, so ties resolve as they do there.
 */
function createMaxHeap() {
  const keys: number[] = [];
  const ids: number[] = [];
  /** libstdc++'s __push_heap: moves `key`/`id` up from `hole` while its parent is smaller. */
  const pushUp = (hole: number, top: number, key: number, id: number) => {
    let parent = (hole - 1) >> 1;
    while (hole > top && keys[parent]! < key) {
      keys[hole] = keys[parent]!;
      ids[hole] = ids[parent]!;
      hole = parent;
      parent = (hole - 1) >> 1;
    }
    keys[hole] = key;
    ids[hole] = id;
  };
  return {
    size: () => keys.length,
    topKey: () => keys[0]!,
    push(key: number, id: number) {
      keys.push(key);
      ids.push(id);
      pushUp(keys.length - 1, 0, key, id);
    },
    /** Removes the top entry and returns its id. */
    pop(): number {
      const topId = ids[0]!;
      const length = keys.length - 1;
      const key = keys[length]!;
      const id = ids[length]!;
      keys[length] = keys[0]!;
      ids[length] = topId;
      // libstdc++'s __adjust_heap over the first `length` entries: the hole goes down to a leaf, taking the larger child.
      let hole = 0;
      let child = 0;
      while (child < (length - 1) >> 1) {
        child = 2 * (child + 1);
        if (keys[child]! < keys[child - 1]!) child--;
        keys[hole] = keys[child]!;
        ids[hole] = ids[child]!;
        hole = child;
      }
      if ((length & 1) === 0 && child === (length - 2) >> 1) {
        child = 2 * (child + 1);
        keys[hole] = keys[child - 1]!;
        ids[hole] = ids[child - 1]!;
        hole = child - 1;
      }
      if (length > 0) pushUp(hole, 0, key, id);
      keys.pop();
      ids.pop();
      return topId;
    },
    entries: () => keys.map((key, i) => ({ id: ids[i]!, distance: key })),
  };
}

/** The stored (normalised) vector of `label`. */
export function hnswVector(graph: HnswGraph, label: number): Float32Array {
  const at = graph.internalOf[label]! * graph.recordWords + graph.dataWord;
  return graph.level0Floats.slice(at, at + graph.dims);
}
