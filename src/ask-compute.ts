/**
 * The CPU-bound part of answering one question — hybrid retrieval and the
 * extractive answer's sentence scoring — behind one narrow interface, so that
 * the server can run it on worker threads (server/compute/) while the CLI runs
 * it in-process. Both sides run `inProcessCompute`; only where differs.
 * @module
 */
import { composeExtractive, type ComposedAnswer, type ComposeOptions } from './answering/compose.js';
import type { LoadedIndex } from './index/open.js';
import { createRetriever, type RetrieveOptions } from './retrieval/retriever.js';
import type { RetrievedChunk } from './retrieval/types.js';

/** Composition settings; the embedder is always the index's own. */
export type ExtractiveOptions = Omit<ComposeOptions, 'embed'>;

export interface AskCompute {
  retrieve(index: LoadedIndex, query: string, options: RetrieveOptions): Promise<RetrievedChunk[]>;
  composeExtractive(index: LoadedIndex, query: string, retrieved: readonly RetrievedChunk[], options: ExtractiveOptions): Promise<ComposedAnswer>;
}

export const inProcessCompute: AskCompute = {
  retrieve: (index, query, options) => createRetriever(index).retrieve(query, options),
  composeExtractive: (index, query, retrieved, options) => composeExtractive(query, retrieved, { ...options, embed: (texts) => index.embedder.embed(texts) }),
};
