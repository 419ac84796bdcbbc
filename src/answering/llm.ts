/**
 * The chat model behind generated answers: any OpenAI-compatible endpoint
 * (Ollama, llama.cpp's server, vLLM) through LangChain's OpenAI client.
 * ChatOpenAICompletions rather than ChatOpenAI: the latter may switch to
 * OpenAI's Responses API, which local servers do not implement.
 * @module
 */
import { ChatOpenAICompletions } from '@langchain/openai';
import type { Config } from '../config.js';
import { QuireError } from '../errors.js';

export interface Llm {
  readonly model: string;
  /** Streams the reply to `prompt`, calling `onToken` per piece; resolves to the whole text. */
  complete(prompt: string, onToken?: (text: string) => void): Promise<string>;
}

export type LlmSettings = Pick<Config, 'llmUrl' | 'llmModel' | 'llmApiKey' | 'llmTimeoutMs' | 'llmMaxTokens' | 'llmTemperature'>;

export function createLlm(settings: LlmSettings): Llm | null {
  if (!settings.llmUrl) return null;
  const chat = new ChatOpenAICompletions({
    model: settings.llmModel,
    temperature: settings.llmTemperature,
    maxTokens: settings.llmMaxTokens,
    // Local servers ignore the key, but the OpenAI client refuses to start without one.
    apiKey: settings.llmApiKey ?? 'not-needed',
    configuration: { baseURL: settings.llmUrl },
    // Quire falls back to the extractive answer itself; retries would only multiply the wait.
    maxRetries: 0,
    streaming: true,
  });
  return {
    model: settings.llmModel,
    async complete(prompt, onToken) {
      // One deadline for the whole exchange, including a stream that stalls half-way.
      const signal = AbortSignal.timeout(settings.llmTimeoutMs);
      let text = '';
      try {
        const stream = await chat.stream([['human', prompt]], { signal });
        for await (const chunk of stream) {
          const piece = typeof chunk.content === 'string' ? chunk.content : '';
          if (!piece) continue;
          text += piece;
          onToken?.(piece);
        }
      } catch (cause) {
        const reason = signal.aborted ? `no complete answer within ${settings.llmTimeoutMs} ms` : (cause as Error).message;
        throw new QuireError('llm_failed', `The LLM at ${settings.llmUrl} failed: ${reason}`, { cause });
      }
      if (!text.trim()) throw new QuireError('llm_failed', `The LLM at ${settings.llmUrl} returned an empty answer.`);
      return text;
    },
  };
}
