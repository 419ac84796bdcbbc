/**
 * Hybrid retrieval: dense top-k from HNSW and BM25 top-k, fused with
 * reciprocal-rank fusion. Works on a loaded index and an embedded query; the
 * scoring pieces it combines (BM25, RRF) are pure and tested on their own.
 * @module
 */
import type { LoadedIndex } from '../index/open.js';
import { searchLexical } from './bm25.js';
import { reciprocalRankFusion } from './fuse.js';
import type { RetrievedChunk } from './types.js';

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

export function createRetriever(index: LoadedIndex): Retriever {
  return {
    async retrieve(query, { topK, candidateK, rrfK, focusIds = [] }) {
      const [queryVector] = await index.embedder.embed([query]);
      const dense = queryVector ? index.vectors.search(queryVector, candidateK) : [];
      const lexical = searchLexical(index.lexical, query, candidateK);
      const similarity = new Map(dense.map((hit) => [hit.label, hit.similarity]));
      const focus = focusIds.map((id) => index.labelOf(id)).filter((label) => label !== undefined);
      const fused = reciprocalRankFusion([dense.map((hit) => hit.label), lexical.map((hit) => hit.label), focus], rrfK);
      return fused.slice(0, topK).map(({ key: label, score, ranks: [denseRank = null, lexicalRank = null] }) => {
        const chunk = index.chunk(label);
        return {
          chunk,
          title: index.documents.get(chunk.docId)?.title ?? chunk.docId,
          score,
          denseRank,
          lexicalRank,
          similarity: similarity.get(label) ?? (queryVector ? cosine(queryVector, index.vectors.vector(label)) : 0),
        };
      });
    },
  };
}

const cosine = (a: Float32Array, b: Float32Array): number => {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * (b[i] ?? 0);
  return dot;
};
