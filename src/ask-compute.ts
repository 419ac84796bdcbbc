/**
 * The CPU-bound part of answering one question — hybrid retrieval and the
 * extractive answer's sentence scoring — behind one narrow interface, so that
 * the server can run it on worker threads (server/compute/) while the CLI runs
 * it in-process. Both sides run `inProcessCompute`; only where differs.
 * @module
 */
import { composeExtractive, type ComposedAnswer, type ComposeOptions } from './answering/compose.js';
import type { OpenBuild, ServedIndex } from './index/open.js';
import { createRetriever, type RetrieveOptions } from './retrieval/retriever.js';
import type { RetrievedChunk } from './retrieval/types.js';

/** Composition settings; the embedder is always the index's own. */
export type ExtractiveOptions = Omit<ComposeOptions, 'embed'>;

export interface AskCompute {
  retrieve(index: ServedIndex, query: string, options: RetrieveOptions): Promise<RetrievedChunk[]>;
  composeExtractive(index: ServedIndex, query: string, retrieved: readonly RetrievedChunk[], options: ExtractiveOptions): Promise<ComposedAnswer>;
}

/** In-process compute needs the index opened in this thread (openIndex), not only served from it. */
function opened(index: ServedIndex): OpenBuild {
  if ('embedder' in index) return index as OpenBuild;
  throw new Error(`the index ${index.buildDir} was opened for compute workers; answering in-process needs it opened with openIndex`);
}

export const inProcessCompute: AskCompute = {
  retrieve: (index, query, options) => createRetriever(opened(index)).retrieve(query, options),
  composeExtractive: (index, query, retrieved, options) => composeExtractive(query, retrieved, { ...options, embed: (texts) => opened(index).embedder.embed(texts) }),
};
