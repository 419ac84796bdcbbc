/**
 * What retrieval hands to answering.
 * @module
 */
import type { TextAnalysis } from '../text/analysis.js';
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
  /** The chunk's analysis stored at ingest (offsets into `chunk.text`); answering analyses the text itself without it. */
  analysis?: TextAnalysis;
}

/** A chunk fetched for a retrieval result: its text, its document's title and its similarity to the query. */
export interface FetchedChunk {
  chunk: Chunk;
  title: string;
  /** Cosine similarity of query and chunk (0 without a query vector). */
  similarity: number;
  /** Its analysis stored at ingest. */
  analysis: TextAnalysis;
}

/**
 * The two halves of an index that hybrid retrieval reads, and the chunks it returns,
 * behind asynchronous calls: the local store answers them from memory, the postgres
 * store with SQL (pgvector's HNSW index, BM25 over stored per-term statistics), so
 * that a server holds neither vectors, postings nor texts. Chunks are named by label.
 */
export interface SearchSource {
  /** Nearest labels first, with cosine similarity. */
  dense(query: Float32Array, k: number): Promise<{ label: number; similarity: number }[]>;
  /** The top `k` labels by BM25, best first (ties: lower label first). */
  lexical(query: string, k: number): Promise<{ label: number }[]>;
  /** The chunks at `labels`, in that order. */
  fetch(labels: readonly number[], query: Float32Array | undefined): Promise<FetchedChunk[]>;
  /** A chunk id's label, undefined for an id the build lacks. */
  labelOf(id: string): number | undefined;
}
