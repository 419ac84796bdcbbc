/**
 * Hybrid retrieval: dense top-k from HNSW and BM25 top-k, fused with
 * reciprocal-rank fusion. Works on an index's search source (in memory, or the
 * postgres store's SQL) and an embedded query; the scoring pieces it combines
 * (BM25, RRF) are pure and tested on their own.
 * @module
 */
import type { Embedder } from '../embedding/embedder.js';
import type { AnalysisSource } from '../index/analysis.js';
import type { ManifestDocument } from '../index/manifest.js';
import type { VectorIndex } from '../index/vectors.js';
import type { Chunk } from '../types.js';
import { searchLexical, type LexicalIndex } from './bm25.js';
import { reciprocalRankFusion } from './fuse.js';
import type { RetrievedChunk, SearchSource } from './types.js';

export interface RetrieveOptions {
  /** Chunks returned. */
  topK: number;
  /** Candidates taken from each of the dense and lexical lists before fusion. */
  candidateK: number;
  /** RRF constant. */
  rrfK: number;
  /**
   * Chunks the conversation is about (the previous answer's), fused as a third ranked
   * list: a follow-up's answer is most often next to the last one, even when its own
   * words ("whom did they send?") match nothing.
   */
  focusIds?: readonly string[];
}

export interface Retriever {
  retrieve(query: string, options: RetrieveOptions): Promise<RetrievedChunk[]>;
}

/** What retrieval needs of an open build, whichever store it came from. */
export interface SearchableIndex {
  embedder: Embedder;
  search: SearchSource;
}

export function createRetriever({ embedder, search }: SearchableIndex): Retriever {
  return {
    async retrieve(query, { topK, candidateK, rrfK, focusIds = [] }) {
      const [queryVector] = await embedder.embed([query]);
      const [dense, lexical] = await Promise.all([queryVector ? search.dense(queryVector, candidateK) : [], search.lexical(query, candidateK)]);
      const similarity = new Map(dense.map((hit) => [hit.label, hit.similarity]));
      const focus = focusIds.map((id) => search.labelOf(id)).filter((label) => label !== undefined);
      const fused = reciprocalRankFusion([dense.map((hit) => hit.label), lexical.map((hit) => hit.label), focus], rrfK).slice(0, topK);
      const fetched = await search.fetch(
        fused.map(({ key }) => key),
        queryVector,
      );
      return fused.map(({ key: label, score, ranks: [denseRank = null, lexicalRank = null] }, i) => ({
        ...fetched[i]!,
        score,
        denseRank,
        lexicalRank,
        // The dense search's own similarity where it has one (the same number for the same hit).
        similarity: similarity.get(label) ?? fetched[i]!.similarity,
      }));
    },
  };
}

/** An index held in this process's memory, searched in place. */
export function memorySearch(index: AnalysisSource & {
  vectors: VectorIndex;
  lexical: LexicalIndex;
  chunk(label: number): Chunk;
  documents: ReadonlyMap<string, ManifestDocument>;
  labelOf(id: string): number | undefined;
}): SearchSource {
  return {
    dense: async (query, k) => index.vectors.search(query, k),
    lexical: async (query, k) => searchLexical(index.lexical, query, k),
    fetch: async (labels, query) =>
      labels.map((label) => {
        const chunk = index.chunk(label);
        return {
          chunk,
          title: index.documents.get(chunk.docId)?.title ?? chunk.docId,
          similarity: query ? cosine(query, index.vectors.vector(label)) : 0,
          analysis: index.analysis(chunk.id)!,
        };
      }),
    labelOf: (id) => index.labelOf(id),
  };
}

const cosine = (a: Float32Array, b: Float32Array): number => {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * (b[i] ?? 0);
  return dot;
};
