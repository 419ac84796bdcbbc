/**
 * Decides which embedding model an ingest uses. `auto` prefers the neural
 * model and falls back to a corpus model, saying why once; `neural` insists
 * (and fails with the reason); `corpus` never tries the neural model.
 * @module
 */
import type { Logger } from '../log.js';
import { openNeuralEmbedder, type Embedder } from './embedder.js';

export type EmbedderChoice = { kind: 'neural'; embedder: Embedder } | { kind: 'corpus'; fallbackReason?: string };

export interface ChooseEmbedderOptions {
  embedder: 'auto' | 'neural' | 'corpus';
  modelId: string;
  modelsDir?: string | undefined;
  timeoutMs: number;
  batchSize: number;
  log: Logger;
}

/** The warning `auto` logs when it falls back; the CLI's ingest summary says it in words instead. */
export const NEURAL_FALLBACK_MESSAGE = 'Neural embedding model unavailable; using a corpus embedding model fitted at ingest instead.';

export async function chooseEmbedder(o: ChooseEmbedderOptions): Promise<EmbedderChoice> {
  if (o.embedder === 'corpus') return { kind: 'corpus' };
  try {
    const embedder = await openNeuralEmbedder({ modelId: o.modelId, modelsDir: o.modelsDir, timeoutMs: o.timeoutMs, batchSize: o.batchSize });
    return { kind: 'neural', embedder };
  } catch (error) {
    if (o.embedder === 'neural') throw error;
    // Every load failure is wrapped as model_missing with a message that says what to do.
    const fallbackReason = error instanceof Error ? error.message : String(error);
    o.log.warn(NEURAL_FALLBACK_MESSAGE, { model: o.modelId, reason: fallbackReason });
    return { kind: 'corpus', fallbackReason };
  }
}
