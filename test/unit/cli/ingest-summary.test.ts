import { describe, expect, it } from 'vitest';
import { fallbackNote, GET_NEURAL_MODEL } from '../../../src/cli/ingest-command.js';
import { neuralLoadError } from '../../../src/embedding/neural-files.js';

describe('the ingest summary’s neural-model note', () => {
  it('is one line with the reason’s first sentence and the one command that gets the neural model', () => {
    const reason = neuralLoadError({ modelId: 'Xenova/all-MiniLM-L6-v2', modelsDir: undefined, cause: new Error('fetch failed') }).message;
    const note = fallbackNote(reason);
    expect(note).not.toContain('\n');
    expect(note).toBe(
      `no neural model (The embedding model Xenova/all-MiniLM-L6-v2 could not be loaded from the Hugging Face hub (fetch failed)), so a model fitted to your documents was used. To get the neural model, with internet access: ${GET_NEURAL_MODEL}`,
    );
  });
});
