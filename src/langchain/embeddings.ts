/**
 * Quire's embedder as a LangChain `Embeddings`, so that a LangChain vector store or
 * chain embeds with exactly the model that embedded a Quire index (the neural model,
 * or the corpus model fitted at ingest). A class because LangChain's interface is one.
 * @module
 */
import { Embeddings } from '@langchain/core/embeddings';
import type { Embedder } from '../embedding/embedder.js';

export class QuireEmbeddings extends Embeddings {
  constructor(private readonly embedder: Embedder) {
    super({});
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return (await this.embedder.embed(texts)).map((vector) => Array.from(vector));
  }

  async embedQuery(text: string): Promise<number[]> {
    const [vector] = await this.embedder.embed([text]);
    return Array.from(vector ?? []);
  }
}
