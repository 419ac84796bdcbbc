/**
 * Generated answers and follow-up rewriting with an LLM. Building the prompts
 * is pure; the model call goes through `Llm`.
 * @module
 */
import type { RetrievedChunk } from '../retrieval/types.js';
import type { Turn } from '../types.js';
import { createLlm, type Llm, type LlmSettings } from './llm.js';
import { loadPrompts, type Prompts } from './prompts.js';

/** The retrieved chunks as the answer prompt lists them: `[id] (title) text`. */
export function formatSources(retrieved: readonly RetrievedChunk[]): string {
  return retrieved.map(({ chunk, title }) => `[${chunk.id}] (${title})\n${chunk.text.replace(/\s+/g, ' ').trim()}`).join('\n\n');
}

export async function generateAnswer(
  llm: Llm,
  prompts: Prompts,
  question: string,
  retrieved: readonly RetrievedChunk[],
  onToken?: (text: string) => void,
): Promise<string> {
  const prompt = await prompts.answer({ question, sources: formatSources(retrieved), exampleId: retrieved[0]?.chunk.id ?? 'doc:0' });
  return llm.complete(prompt, onToken);
}

/** How many earlier turns the rewrite prompt shows: the subject is almost always in the last few. */
const REWRITE_HISTORY_TURNS = 3;

export async function rewriteWithLlm(llm: Llm, prompts: Prompts, question: string, history: readonly Turn[]): Promise<string> {
  const recent = history.slice(-REWRITE_HISTORY_TURNS);
  const prompt = await prompts.rewrite({
    question,
    history: recent.map((turn) => `User: ${turn.question}\nAssistant: ${turn.answer.replace(/\s*\[[^\]]+\]/g, '')}`).join('\n'),
  });
  // One line, no quotes or "Standalone question:" echo: models add them despite the prompt.
  const line = (await llm.complete(prompt)).trim().split('\n')[0] ?? '';
  return line.replace(/^(standalone question:\s*)/i, '').replace(/^["'“]|["'”]$/g, '').trim() || question;
}

/** The LLM and validated prompts when `QUIRE_LLM_URL` is set; null for extractive answers. Prompts are checked either way. */
export async function loadGeneration(settings: LlmSettings): Promise<{ llm: Llm; prompts: Prompts } | null> {
  const prompts = await loadPrompts();
  const llm = createLlm(settings);
  return llm ? { llm, prompts } : null;
}
