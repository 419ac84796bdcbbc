/**
 * Generated answers and follow-up rewriting with an LLM. Building the prompts
 * is pure; the model call goes through `Llm`.
 * @module
 */
import type { Logger } from '../log.js';
import type { RetrievedChunk } from '../retrieval/types.js';
import type { Turn } from '../types.js';
import { createLlm, type Llm, type LlmSettings } from './llm.js';
import { loadPrompts, type Prompts } from './prompts.js';
import { checkRewrite } from './verify/rewrite.js';

/** An LLM and its prompts, when one is configured. */
export interface Generation {
  llm: Llm;
  prompts: Prompts;
}

/** The retrieved chunks as the answer prompt lists them: `[id] (title) text`. */
export function formatSources(retrieved: readonly RetrievedChunk[]): string {
  return retrieved.map(({ chunk, title }) => `[${chunk.id}] (${title})\n${chunk.text.replace(/\s+/g, ' ').trim()}`).join('\n\n');
}

export async function generateAnswer(
  llm: Llm,
  prompts: Prompts,
  question: string,
  retrieved: readonly RetrievedChunk[],
  options: { onToken?: ((text: string) => void) | undefined; signal?: AbortSignal | undefined } = {},
): Promise<string> {
  const prompt = await prompts.answer({ question, sources: formatSources(retrieved), exampleId: retrieved[0]?.chunk.id ?? 'doc:0' });
  return llm.complete(prompt, { ...options, purpose: 'answer' });
}

/** How many earlier turns the rewrite prompt shows: the subject is almost always in the last few. */
const REWRITE_HISTORY_TURNS = 3;

export type LlmRewrite = { ok: true; query: string } | { ok: false; reason: string; rejected: string };

/** The LLM's standalone version of a follow-up, or why it was not fit to search with. */
export async function rewriteWithLlm(
  llm: Llm,
  prompts: Prompts,
  question: string,
  history: readonly Turn[],
  signal?: AbortSignal,
): Promise<LlmRewrite> {
  const recent = history.slice(-REWRITE_HISTORY_TURNS);
  const prompt = await prompts.rewrite({
    question,
    history: recent.map((turn) => `User: ${turn.question}\nAssistant: ${turn.answer.replace(/\s*\[[^\]]+\]/g, '')}`).join('\n'),
  });
  // No quotes or "Standalone question:" echo: models add them despite the prompt. The whole reply
  // is checked, not its first line: a model that answered must not pass as one that rewrote.
  const reply = (await llm.complete(prompt, { purpose: 'rewrite', signal })).trim();
  const query = reply.replace(/^(standalone question:\s*)/i, '').replace(/^["'“]|["'”]$/g, '').trim();
  if (!query) return { ok: true, query: question };
  const verdict = checkRewrite(query, question, recent);
  return verdict.ok ? { ok: true, query } : { ok: false, reason: verdict.reason, rejected: query };
}

/**
 * The LLM and validated prompts when `QUIRE_LLM_URL` is set; null for extractive answers
 * (which read no prompt, so a server without an LLM loads no template). The endpoint is probed once, with one log line saying
 * what was found, so a wrong URL or model name shows at start-up, not at the first question.
 */
export async function loadGeneration(settings: LlmSettings, log: Logger): Promise<Generation | null> {
  const llm = await createLlm(settings, log);
  if (!llm) return null;
  const prompts = await loadPrompts();
  const status = await llm.probe();
  const where = { url: llm.url, model: llm.model };
  if (!status.reachable) log.warn('llm unreachable at start-up: questions get extractive answers while it stays down', { ...where, problem: status.problem });
  else if (status.modelFound === false) log.warn('llm reachable, but it does not list the configured model', where);
  else log.info('llm reachable', { ...where, modelFound: status.modelFound });
  return { llm, prompts };
}
