/**
 * One question, end to end: follow-up rewriting with the conversation so far,
 * hybrid retrieval, the answer (extractive, or an LLM's when one is configured),
 * and the citation check. Shared by the HTTP server and the CLI.
 * @module
 */
import type { Config } from '../config.js';
import type { ConversationStore } from '../conversation/store.js';
import { rewriteFollowUp } from '../conversation/rewrite.js';
import type { LoadedIndex } from '../index/open.js';
import { createRetriever } from '../retrieval/retriever.js';
import type { RetrievedChunk } from '../retrieval/types.js';
import { checkCitations } from './citations.js';
import { composeExtractive } from './compose.js';

export interface Citation {
  id: string;
  docId: string;
  title: string;
  text: string;
  score: number;
}

export interface Answer {
  answer: string;
  citations: Citation[];
  grounded: boolean;
  conversationId: string;
  /** True when this question started the conversation (including an unknown or expired id). */
  newConversation: boolean;
  /** The query retrieval actually ran, when a follow-up was rewritten. */
  rewrittenQuery?: string;
  warnings: string[];
  timings: { retrieveMs: number; answerMs: number };
}

export interface AskRequest {
  question: string;
  conversationId?: string | undefined;
  topK?: number | undefined;
}

export interface AskHooks {
  /** The retrieved sources, as soon as retrieval is done (before the answer). */
  onRetrieved?: (sources: Citation[]) => void;
  /** Pieces of the answer text as they are produced; together they spell `answer`. */
  onToken?: (text: string) => void;
}

export type AskSettings = Pick<Config, 'topK' | 'candidateK' | 'rrfK' | 'minEvidence' | 'maxAnswerSentences'>;

export interface Asker {
  ask(request: AskRequest, hooks?: AskHooks): Promise<Answer>;
}

export function createAsker(getIndex: () => LoadedIndex, conversations: ConversationStore, settings: AskSettings): Asker {
  return {
    async ask({ question, conversationId, topK = settings.topK }, hooks = {}) {
      const index = getIndex();
      const history = conversationId === undefined ? undefined : conversations.get(conversationId);
      const id = conversationId ?? conversations.create();
      const { query, rewritten } = rewriteFollowUp(question, history ?? []);

      const t0 = performance.now();
      const retrieved = await createRetriever(index).retrieve(query, { topK, candidateK: settings.candidateK, rrfK: settings.rrfK });
      const t1 = performance.now();
      hooks.onRetrieved?.(retrieved.map(toCitation));

      const composed = await composeExtractive(query, retrieved, {
        embed: (texts) => index.embedder.embed(texts),
        minEvidence: settings.minEvidence,
        maxSentences: settings.maxAnswerSentences,
      });
      const checked = checkCitations(composed.answer, new Set(retrieved.map((r) => r.chunk.id)));
      const byId = new Map(retrieved.map((r) => [r.chunk.id, r]));
      const citations = checked.valid.map((citedId) => toCitation(byId.get(citedId)!));
      const t2 = performance.now();

      const answer: Answer = {
        answer: checked.text,
        citations,
        grounded: composed.grounded && citations.length > 0,
        conversationId: id,
        newConversation: history === undefined,
        ...(rewritten && { rewrittenQuery: query }),
        warnings: checked.invalid.map((bad) => `removed citation of ${bad}, which was not retrieved`),
        timings: { retrieveMs: round(t1 - t0), answerMs: round(t2 - t1) },
      };
      if (conversationId !== undefined && history === undefined) {
        answer.warnings.push(`conversation ${conversationId} was not found (it may have expired); started a new one`);
      }
      if (hooks.onToken) for (const piece of answer.answer.match(/\S+\s*/g) ?? []) hooks.onToken(piece);
      conversations.append(id, { question, rewritten: query, answer: answer.answer, citedIds: checked.valid });
      return answer;
    },
  };
}

function toCitation({ chunk, title, score }: RetrievedChunk): Citation {
  return { id: chunk.id, docId: chunk.docId, title, text: chunk.text, score: round(score, 4) };
}

const round = (value: number, digits = 1): number => Number(value.toFixed(digits));
