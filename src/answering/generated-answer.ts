/**
 * An answer written by the LLM, and everything that keeps it honest: the
 * refusal gate before the call, the sentence gate on its output (only
 * sentences their cited chunk supports reach the user, also while streaming),
 * and the extractive answer whenever nothing generated survives.
 * @module
 */
import type { RetrievedChunk } from '../retrieval/types.js';
import { generateAnswer, type Generation } from './generate.js';
import { holdsAnswer } from './model.js';
import { createSentenceGate, type UnsupportedSentence } from './verify/gate.js';

/** The extractive answer to the same question: the fallback, and (by its confidence) the judge of whether there is an answer at all. */
export interface ExtractiveAnswer {
  text: string;
  grounded: boolean;
  /** The answer model's confidence that the retrieved chunks answer the question. */
  confidence: number;
}

export interface GeneratedDraft {
  text: string;
  grounded: boolean;
  mode: 'extractive' | 'llm';
  warnings: string[];
  unsupported: UnsupportedSentence[];
}

export interface GenerateHooks {
  /** Verified text only: each supported sentence as it completes. */
  onToken?: ((text: string) => void) | undefined;
  /** Cancels the generation upstream. */
  signal?: AbortSignal | undefined;
  /** QUIRE_MIN_CONFIDENCE: under it there is no evidence worth generating from (the model's threshold when unset). */
  minConfidence?: number | undefined;
}

/** A sentence quoted in a warning is cut to this many characters. */
const QUOTE_CHARS = 100;

export async function answerWithLlm(
  generation: Generation,
  query: string,
  retrieved: readonly RetrievedChunk[],
  extractive: ExtractiveAnswer,
  { onToken, signal, minConfidence }: GenerateHooks = {},
): Promise<GeneratedDraft> {
  // The refusal gate, the same rule as in extractive mode: when the answer model's confidence
  // says the retrieved chunks hold no answer, the LLM is not asked at all. What it could write
  // is a paraphrased refusal at best and, at worst, true sentences of an off-topic chunk passed
  // off as an answer — which per-sentence verification cannot catch, since each such sentence
  // *is* supported by the chunk it cites.
  if (!holdsAnswer(extractive.confidence, minConfidence)) {
    const warning = `the documents do not seem to hold an answer (confidence ${extractive.confidence.toFixed(2)}), so the LLM was not asked`;
    return { text: extractive.text, grounded: false, mode: 'extractive', warnings: [warning], unsupported: [] };
  }
  const sources = new Map(retrieved.map(({ chunk, title }) => [chunk.id, { text: chunk.text, title }]));
  const gate = createSentenceGate(sources, onToken);
  try {
    await generateAnswer(generation.llm, generation.prompts, query, retrieved, { onToken: (piece) => gate.push(piece), signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    return { text: extractive.text, grounded: extractive.grounded, mode: 'extractive', warnings: [`LLM generation failed: ${(error as Error).message}; answered with quoted sentences instead`], unsupported: [] };
  }
  const gated = gate.end();
  const warnings = [
    ...gated.inventedIds.map((id) => `removed a citation of ${id}, which was not among the retrieved sources`),
    ...gated.unsupported.map(({ sentence, reason }) => `removed the generated sentence "${clip(sentence)}": ${reason}`),
  ];
  if (gated.text) return { text: gated.text, grounded: true, mode: 'llm', warnings, unsupported: gated.unsupported };
  return {
    text: extractive.text,
    grounded: extractive.grounded,
    mode: 'extractive',
    warnings: [...warnings, 'no generated sentence was supported by a source it cites; answered with quoted sentences instead'],
    unsupported: gated.unsupported,
  };
}

const clip = (text: string): string => (text.length <= QUOTE_CHARS ? text : `${text.slice(0, QUOTE_CHARS - 1).trimEnd()}…`);
