/**
 * One question, end to end: follow-up rewriting with the conversation so far,
 * hybrid retrieval, the answer (extractive, or an LLM's when one is configured),
 * and the citation check. Shared by the HTTP server and the CLI.
 * @module
 */
import type { Config } from './config.js';
import type { ConversationStore } from './conversation/store.js';
import type { Turn } from './types.js';
import { rewriteFollowUp } from './conversation/rewrite.js';
import type { ServedIndex } from './index/open.js';
import { inProcessCompute, type AskCompute } from './ask-compute.js';
import type { RetrievedChunk } from './retrieval/types.js';
import { checkCitations } from './answering/citations.js';
import { rewriteWithLlm, type Generation } from './answering/generate.js';
import { answerWithLlm } from './answering/generated-answer.js';
import type { UnsupportedSentence } from './answering/verify/gate.js';

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
  /**
   * The answer model's probability (0..1) that the best quoted passage answers the question,
   * whatever the mode: below the configured minimum the extractive answer is a refusal.
   */
  confidence: number;
  conversationId: string;
  /** True when this question started the conversation (including an unknown or expired id). */
  newConversation: boolean;
  /** The query retrieval actually ran, when a follow-up was rewritten. */
  rewrittenQuery?: string;
  /** `extractive`, or `llm` when the text was generated. */
  mode: 'extractive' | 'llm';
  warnings: string[];
  /** Generated sentences removed because they cite nothing, or nothing that supports them. */
  unsupported: UnsupportedSentence[];
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
  /**
   * Pieces of the answer text as they are produced. With an LLM, each generated sentence
   * once it is verified; when none passes, the fallback answer's words.
   */
  onToken?: (text: string) => void;
  /** Aborted when nobody waits for the answer any more: cancels the LLM's generation upstream. */
  signal?: AbortSignal;
}

export type AskSettings = Pick<Config, 'topK' | 'candidateK' | 'rrfK' | 'minConfidence' | 'maxAnswerSentences'>;

export type { Generation };

export interface Asker {
  ask(request: AskRequest, hooks?: AskHooks): Promise<Answer>;
}

interface Draft {
  text: string;
  grounded: boolean;
  mode: Answer['mode'];
  warnings: string[];
  unsupported?: UnsupportedSentence[];
}

export function createAsker(
  getIndex: () => ServedIndex,
  conversations: ConversationStore,
  settings: AskSettings,
  generation: Generation | null = null,
  compute: AskCompute = inProcessCompute,
): Asker {
  return {
    async ask({ question, conversationId, topK = settings.topK }, hooks = {}) {
      const index = getIndex();
      const history = conversationId === undefined ? undefined : await conversations.get(conversationId);
      // Ids are issued here, never taken from the client: an id this server did not issue
      // (or that expired) starts a new conversation under a new random id.
      const id = history === undefined ? await conversations.create() : conversationId!;
      const warnings: string[] = [];
      if (conversationId !== undefined && history === undefined) {
        warnings.push(`conversation ${conversationId} was not found (it expired, or this server did not issue it); started a new one`);
      }

      const t0 = performance.now();
      const { query, carried } = await standaloneQuery(question, history ?? [], generation, warnings, hooks.signal);
      // A follow-up is about what the previous answer cited.
      const focus = query === question ? undefined : { chunkIds: new Set(history?.at(-1)?.citedIds), carried, asked: question, previousAnswer: history?.at(-1)?.answer };
      const retrieved = await compute.retrieve(index, query, {
        topK,
        candidateK: settings.candidateK,
        rrfK: settings.rrfK,
        ...(focus && { focusIds: [...focus.chunkIds] }),
      });
      const t1 = performance.now();
      hooks.onRetrieved?.(retrieved.map(toCitation));

      const retrievedIds = new Set(retrieved.map((r) => r.chunk.id));
      // The extractive answer always runs: its confidence is the answer's, whoever writes the text.
      const composed = await compute.composeExtractive(index, query, retrieved, {
        minConfidence: settings.minConfidence,
        maxSentences: settings.maxAnswerSentences,
        ...(focus && { focus }),
      });
      const extractive = { text: composed.answer, grounded: composed.grounded, confidence: composed.confidence };
      let streamed = false;
      const onToken = hooks.onToken && ((text: string) => ((streamed = true), hooks.onToken!(text)));
      const draft: Draft = generation ? await answerWithLlm(generation, query, retrieved, extractive, { onToken, signal: hooks.signal, minConfidence: settings.minConfidence })
        : { ...extractive, mode: 'extractive', warnings: [] };
      if (!streamed && hooks.onToken) for (const piece of draft.text.match(/\S+\s*/g) ?? []) hooks.onToken(piece);

      // Nothing reaches the user citing a chunk that retrieval did not return.
      const checked = checkCitations(draft.text, retrievedIds);
      const byId = new Map(retrieved.map((r) => [r.chunk.id, r]));
      const citations = checked.valid.map((citedId) => toCitation(byId.get(citedId)!));
      warnings.push(...draft.warnings, ...checked.invalid.map((bad) => `removed a citation of ${bad}, which was not among the retrieved sources`));
      const t2 = performance.now();

      const answer: Answer = {
        answer: checked.text,
        citations,
        grounded: draft.grounded && citations.length > 0,
        confidence: round(composed.confidence, 3),
        conversationId: id,
        newConversation: history === undefined,
        ...(query !== question && { rewrittenQuery: query }),
        mode: draft.mode,
        warnings,
        unsupported: draft.unsupported ?? [],
        timings: { retrieveMs: round(t1 - t0), answerMs: round(t2 - t1) },
      };
      await conversations.append(id, { question, rewritten: query, answer: answer.answer, citedIds: checked.valid });
      return answer;
    },
  };
}

/**
 * The follow-up made standalone: by the LLM when there is one, else by carrying the
 * previous subject (`carried`: the words carried over, none from the LLM).
 */
async function standaloneQuery(
  question: string,
  history: readonly Turn[],
  generation: Generation | null,
  warnings: string[],
  signal: AbortSignal | undefined,
): Promise<{ query: string; carried: string[] }> {
  if (history.length > 0 && generation) {
    try {
      const rewrite = await rewriteWithLlm(generation.llm, generation.prompts, question, history, signal);
      if (rewrite.ok) return { query: rewrite.query, carried: [] };
      warnings.push(`the LLM's rewrite of the follow-up was not used (${rewrite.reason}); used the previous question's terms instead`);
    } catch (error) {
      if (signal?.aborted) throw error;
      warnings.push(`the LLM could not rewrite the follow-up (${(error as Error).message}); used the previous question's terms instead`);
    }
  }
  const { query, carried } = rewriteFollowUp(question, history);
  return { query, carried };
}

function toCitation({ chunk, title, score }: RetrievedChunk): Citation {
  return { id: chunk.id, docId: chunk.docId, title, text: chunk.text, score: round(score, 4) };
}

const round = (value: number, digits = 1): number => Number(value.toFixed(digits));
