/**
 * The refusal gate before the LLM is asked, with the real LLM client against a
 * local fake speaking the OpenAI wire protocol: the decision is the answer
 * model's confidence against QUIRE_MIN_CONFIDENCE (the rule of extractive mode),
 * not whether the quoted answer happened to be grounded.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answerWithLlm } from '../../../src/answering/generated-answer.js';
import type { Generation } from '../../../src/answering/generate.js';
import { createLlm } from '../../../src/answering/llm.js';
import { defaultAnswerModel } from '../../../src/answering/model.js';
import { loadPrompts } from '../../../src/answering/prompts.js';
import { withConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/log.js';
import type { RetrievedChunk } from '../../../src/retrieval/types.js';
import { startFakeLlm, type FakeLlm } from '../../helpers/fake-openai.js';

const TEXT = 'The Zorblax Accord was signed in 2019 by the ferry cooperatives of the lake towns.';
const retrieved: RetrievedChunk[] = [
  { chunk: { id: 'zorblax:0', docId: 'zorblax', n: 0, text: TEXT, start: 0, end: TEXT.length }, title: 'The Zorblax Accord', score: 1, denseRank: 1, lexicalRank: 1, similarity: 0.9 },
];
const QUOTED = `${TEXT} [zorblax:0]`;

let fake: FakeLlm;
let generation: Generation;

beforeAll(async () => {
  fake = await startFakeLlm();
  const llm = (await createLlm(withConfig({ llmUrl: fake.url, llmModel: 'fake-model' }), silentLogger))!;
  generation = { llm, prompts: await loadPrompts() };
});
afterAll(() => fake?.close());
beforeEach(() => void (fake.prompts.length = 0));

describe('the refusal gate before the LLM', () => {
  it('does not ask the LLM when the confidence is under QUIRE_MIN_CONFIDENCE, even beside a grounded quote (it judged by grounded)', async () => {
    const draft = await answerWithLlm(generation, 'Who signed the accord?', retrieved, { text: QUOTED, grounded: true, confidence: 0.3 }, { minConfidence: 0.5 });
    expect(fake.prompts).toEqual([]);
    expect(draft.grounded).toBe(false);
    expect(draft.mode).toBe('extractive');
    expect(draft.warnings).toEqual(['the documents do not seem to hold an answer (confidence 0.30), so the LLM was not asked']);
  });

  it('asks the LLM when the confidence reaches QUIRE_MIN_CONFIDENCE', async () => {
    const draft = await answerWithLlm(generation, 'Who signed the accord?', retrieved, { text: QUOTED, grounded: true, confidence: 0.5 }, { minConfidence: 0.5 });
    expect(fake.prompts).toHaveLength(1);
    expect(draft.mode).toBe('llm');
    expect(draft.grounded).toBe(true);
    expect(draft.text).toBe(QUOTED);
  });

  it("holds the confidence to the answer model's threshold when QUIRE_MIN_CONFIDENCE is not set", async () => {
    const { threshold } = defaultAnswerModel();
    await answerWithLlm(generation, 'Who signed the accord?', retrieved, { text: QUOTED, grounded: true, confidence: threshold - 0.01 });
    expect(fake.prompts).toEqual([]);
    await answerWithLlm(generation, 'Who signed the accord?', retrieved, { text: QUOTED, grounded: true, confidence: threshold });
    expect(fake.prompts).toHaveLength(1);
  });
});
