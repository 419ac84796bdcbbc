/**
 * What retrieval hands to answering.
 * @module
 */
import type { Chunk } from '../types.js';

export interface RetrievedChunk {
  chunk: Chunk;
  /** Title of the chunk's document. */
  title: string;
  /** Fused score (reciprocal-rank fusion): higher is better, comparable within one query only. */
  score: number;
  /** 1-based rank in the dense (embedding) list, or null when not in it. */
  denseRank: number | null;
  /** 1-based rank in the BM25 list, or null when not in it. */
  lexicalRank: number | null;
  /** Cosine similarity of question and chunk (0 when the chunk came from BM25 only and was not scored). */
  similarity: number;
}
