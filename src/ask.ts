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
import type { LoadedIndex } from './index/open.js';
import { createRetriever } from './retrieval/retriever.js';
import type { RetrievedChunk } from './retrieval/types.js';
import { checkCitations } from './answering/citations.js';
import { composeExtractive } from './answering/compose.js';
import { generateAnswer, rewriteWithLlm } from './answering/generate.js';
import type { Llm } from './answering/llm.js';
import type { Prompts } from './answering/prompts.js';

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
  /** `extractive`, or `llm` when the text was generated. */
  mode: 'extractive' | 'llm';
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
  /**
   * Pieces of the answer text as they are produced. With an LLM these are its raw
   * tokens; if its answer is then rejected, the final `answer` differs from them.
   */
  onToken?: (text: string) => void;
}

export type AskSettings = Pick<Config, 'topK' | 'candidateK' | 'rrfK' | 'minEvidence' | 'maxAnswerSentences'>;

/** An LLM and its prompts, when one is configured. */
export interface Generation {
  llm: Llm;
  prompts: Prompts;
}

export interface Asker {
  ask(request: AskRequest, hooks?: AskHooks): Promise<Answer>;
}

interface Draft {
  text: string;
  grounded: boolean;
  mode: Answer['mode'];
  warnings: string[];
}

export function createAsker(getIndex: () => LoadedIndex, conversations: ConversationStore, settings: AskSettings, generation: Generation | null = null): Asker {
  return {
    async ask({ question, conversationId, topK = settings.topK }, hooks = {}) {
      const index = getIndex();
      const history = conversationId === undefined ? undefined : conversations.get(conversationId);
      const id = conversationId ?? conversations.create();
      const warnings: string[] = [];
      if (conversationId !== undefined && history === undefined) {
        warnings.push(`conversation ${conversationId} was not found (it may have expired); started a new one`);
      }

      const t0 = performance.now();
      const { query, carried } = await standaloneQuery(question, history ?? [], generation, warnings);
      // A follow-up is about what the previous answer cited.
      const focus = query === question ? undefined : { chunkIds: new Set(history?.at(-1)?.citedIds), carried };
      const retrieved = await createRetriever(index).retrieve(query, {
        topK,
        candidateK: settings.candidateK,
        rrfK: settings.rrfK,
        ...(focus && { focusIds: [...focus.chunkIds] }),
      });
      const t1 = performance.now();
      hooks.onRetrieved?.(retrieved.map(toCitation));

      const retrievedIds = new Set(retrieved.map((r) => r.chunk.id));
      const extractive = async (): Promise<Draft> => {
        const composed = await composeExtractive(query, retrieved, {
          embed: (texts) => index.embedder.embed(texts),
          minEvidence: settings.minEvidence,
          maxSentences: settings.maxAnswerSentences,
          ...(focus && { focus }),
        });
        return { text: composed.answer, grounded: composed.grounded, mode: 'extractive', warnings: [] };
      };
      let streamed = false;
      const onToken = hooks.onToken && ((text: string) => ((streamed = true), hooks.onToken!(text)));
      const draft = generation ? await generated(generation, query, retrieved, retrievedIds, extractive, onToken) : await extractive();
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
        conversationId: id,
        newConversation: history === undefined,
        ...(query !== question && { rewrittenQuery: query }),
        mode: draft.mode,
        warnings,
        timings: { retrieveMs: round(t1 - t0), answerMs: round(t2 - t1) },
      };
      conversations.append(id, { question, rewritten: query, answer: answer.answer, citedIds: checked.valid });
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
): Promise<{ query: string; carried: string[] }> {
  if (history.length > 0 && generation) {
    try {
      return { query: await rewriteWithLlm(generation.llm, generation.prompts, question, history), carried: [] };
    } catch (error) {
      warnings.push(`the LLM could not rewrite the follow-up (${(error as Error).message}); used the previous question's terms instead`);
    }
  }
  const { query, carried } = rewriteFollowUp(question, history);
  return { query, carried };
}

/**
 * The LLM's answer when it cites at least one retrieved chunk. Otherwise — it
 * failed, timed out, or cited nothing valid — the extractive answer when that
 * one is grounded (a checked quote beats an unverifiable sentence), else the
 * LLM's text marked ungrounded.
 */
async function generated(
  { llm, prompts }: Generation,
  query: string,
  retrieved: readonly RetrievedChunk[],
  retrievedIds: ReadonlySet<string>,
  extractive: () => Promise<Draft>,
  onToken: ((text: string) => void) | undefined,
): Promise<Draft> {
  let text: string;
  try {
    text = await generateAnswer(llm, prompts, query, retrieved, onToken);
  } catch (error) {
    const fallback = await extractive();
    return { ...fallback, warnings: [`LLM generation failed: ${(error as Error).message}; answered with quoted sentences instead`] };
  }
  if (checkCitations(text, retrievedIds).valid.length > 0) return { text, grounded: true, mode: 'llm', warnings: [] };
  const fallback = await extractive();
  if (fallback.grounded) {
    return { ...fallback, warnings: ['the generated answer cited none of the retrieved sources; answered with quoted sentences instead'] };
  }
  return { text, grounded: false, mode: 'llm', warnings: ['the generated answer cites none of the retrieved sources'] };
}

function toCitation({ chunk, title, score }: RetrievedChunk): Citation {
  return { id: chunk.id, docId: chunk.docId, title, text: chunk.text, score: round(score, 4) };
}

const round = (value: number, digits = 1): number => Number(value.toFixed(digits));
