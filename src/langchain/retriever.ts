/**
 * Quire's hybrid retriever (dense + BM25, reciprocal-rank fusion) as a LangChain
 * `BaseRetriever`, so that Quire drops into a LangChain chain (README, "Quire in a
 * LangChain chain"). Each document is one chunk: its text, and its id, document,
 * title and ranks as metadata, so that a chain can cite it like Quire does.
 * A class because LangChain's interface is one.
 * @module
 */
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import { Document } from '@langchain/core/documents';
import type { Config } from '../config.js';
import type { OpenBuild } from '../index/open.js';
import type { Logger } from '../log.js';
import { createRetriever, type RetrieveOptions } from '../retrieval/retriever.js';
import { openCurrentBuild } from '../store/current.js';
import { openStore } from '../store/open-store.js';
import { QuireEmbeddings } from './embeddings.js';

export interface QuireChunkMetadata {
  /** The chunk's id, as Quire cites it: `[docId:n]`. */
  id: string;
  docId: string;
  title: string;
  /** Fused score; ranks are 1-based, null where the chunk was not in that list. */
  score: number;
  denseRank: number | null;
  lexicalRank: number | null;
}

export interface QuireRetrieverInput extends BaseRetrieverInput {
  index: OpenBuild;
  options: RetrieveOptions;
}

export class QuireRetriever extends BaseRetriever<QuireChunkMetadata> {
  lc_namespace = ['quire', 'retrievers'];
  private readonly index: OpenBuild;
  private readonly options: RetrieveOptions;

  constructor({ index, options, ...fields }: QuireRetrieverInput) {
    super(fields);
    this.index = index;
    this.options = options;
  }

  override async _getRelevantDocuments(query: string): Promise<Document<QuireChunkMetadata>[]> {
    const retrieved = await createRetriever(this.index).retrieve(query, this.options);
    return retrieved.map(
      ({ chunk, title, score, denseRank, lexicalRank }) =>
        new Document({ id: chunk.id, pageContent: chunk.text, metadata: { id: chunk.id, docId: chunk.docId, title, score, denseRank, lexicalRank } }),
    );
  }
}

/**
 * The current build of the configured store (local files or PostgreSQL) as a
 * LangChain retriever and embeddings, with Quire's retrieval settings.
 */
export async function openLangChainQuire(config: Config, log: Logger): Promise<{ retriever: QuireRetriever; embeddings: QuireEmbeddings; close: () => Promise<void> }> {
  const store = openStore(config, log);
  try {
    const index = await openCurrentBuild(store, config);
    return {
      retriever: new QuireRetriever({ index, options: { topK: config.topK, candidateK: config.candidateK, rrfK: config.rrfK } }),
      embeddings: new QuireEmbeddings(index.embedder),
      close: () => store.close(),
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
