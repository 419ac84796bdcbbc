/**
 * Quire inside a LangChain chain: its retriever as a BaseRetriever and its embedder
 * as Embeddings, on a real index of the default corpus.
 */
import { RunnableLambda, RunnableSequence } from '@langchain/core/runnables';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { openIndex } from '../../src/index/open.js';
import { openLangChainQuire } from '../../src/langchain/retriever.js';
import { silentLogger } from '../../src/log.js';
import { createRetriever } from '../../src/retrieval/retriever.js';
import { buildDefaultIndex } from '../helpers/fixtures.js';

let config: Config;
beforeAll(async () => {
  ({ config } = await buildDefaultIndex());
});

describe('Quire as LangChain parts', () => {
  it('retrieves the chunks Quire retrieves, with their ids, inside a runnable chain', async () => {
    const { retriever, embeddings, close } = await openLangChainQuire(config, silentLogger);
    try {
      const question = 'Where did Imran Khan meet President Putin?';
      const chain = RunnableSequence.from([
        retriever,
        RunnableLambda.from((docs: { pageContent: string; metadata: { id: string } }[]) => docs.map((d) => `[${d.metadata.id}] ${d.pageContent}`).join('\n\n')),
      ]);
      const context = await chain.invoke(question);
      const index = await openIndex(config);
      const quire = await createRetriever(index).retrieve(question, { topK: config.topK, candidateK: config.candidateK, rrfK: config.rrfK });
      expect(context.startsWith(`[${quire[0]!.chunk.id}] `)).toBe(true);
      expect(context).toContain('Bishkek');
      const docs = await retriever.invoke(question);
      expect(docs.map((d) => d.metadata.id)).toEqual(quire.map((r) => r.chunk.id));

      const [vector] = await index.embedder.embed([question]);
      expect(await embeddings.embedQuery(question)).toEqual(Array.from(vector!));
      expect(await embeddings.embedDocuments(['a', 'b'])).toHaveLength(2);
    } finally {
      await close();
    }
  });
});
