/**
 * The chat model behind generated answers: any OpenAI-compatible endpoint
 * (Ollama, llama.cpp's server, vLLM) through LangChain's OpenAI client.
 * ChatOpenAICompletions rather than ChatOpenAI: the latter may switch to
 * OpenAI's Responses API, which local servers do not implement.
 * @module
 */
import type { Config } from '../config.js';
import { QuireError } from '../errors.js';
import type { Logger } from '../log.js';
import { probeLlm, type LlmStatus } from './llm-probe.js';

export interface CompleteOptions {
  /** Called with each piece of the reply as it streams in. */
  onToken?: ((text: string) => void) | undefined;
  /** Aborts the upstream request (the client left, or the request timed out). */
  signal?: AbortSignal | undefined;
  /** What the call is for, in the log line of a failure. */
  purpose: 'answer' | 'rewrite';
}

export interface Llm {
  readonly model: string;
  readonly url: string;
  /** Streams the reply to `prompt`; resolves to the whole text. */
  complete(prompt: string, options: CompleteOptions): Promise<string>;
  /** What is known about the endpoint: the start-up probe's result, updated by every call since. */
  status(): LlmStatus;
  /** Asks the endpoint which models it serves (`GET <url>/models`), and remembers the answer. */
  probe(): Promise<LlmStatus>;
}

export type LlmSettings = Pick<Config, 'llmUrl' | 'llmModel' | 'llmApiKey' | 'llmTimeoutMs' | 'llmMaxTokens' | 'llmTemperature'>;

export async function createLlm(settings: LlmSettings, log: Logger): Promise<Llm | null> {
  const url = settings.llmUrl;
  if (!url) return null;
  // Loaded only when an LLM is configured: the OpenAI client costs a server with none about 2 s and 40 MB at start.
  const { ChatOpenAICompletions } = await import('@langchain/openai');
  const chat = new ChatOpenAICompletions({
    model: settings.llmModel,
    temperature: settings.llmTemperature,
    maxTokens: settings.llmMaxTokens,
    // Local servers ignore the key, but the OpenAI client refuses to start without one.
    apiKey: settings.llmApiKey ?? 'not-needed',
    configuration: { baseURL: url },
    // Quire falls back to the extractive answer itself; retries would only multiply the wait.
    maxRetries: 0,
    streaming: true,
  });
  let status: LlmStatus = { reachable: null, modelFound: null, checkedAt: null };
  // Any failure counts: an endpoint that errors or stalls is as useless to a question as one that is down.
  const record = (problem?: string) => {
    const { problem: _previous, ...rest } = status;
    status = { ...rest, reachable: problem === undefined, checkedAt: new Date().toISOString(), ...(problem !== undefined && { problem }) };
  };

  return {
    model: settings.llmModel,
    url,
    status: () => status,
    async probe() {
      status = await probeLlm({ url, model: settings.llmModel, apiKey: settings.llmApiKey, timeoutMs: Math.min(settings.llmTimeoutMs, 5_000) });
      return status;
    },
    async complete(prompt, { onToken, signal: external, purpose }) {
      // One deadline for the whole exchange, including a stream that stalls half-way;
      // the caller's signal cancels the generation upstream (LangChain passes it to fetch).
      const deadline = AbortSignal.timeout(settings.llmTimeoutMs);
      const signal = external ? AbortSignal.any([deadline, external]) : deadline;
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
        // Nobody waits for this answer any more: no failure of the LLM's, nothing to warn about.
        if (external?.aborted) throw cause;
        const reason = deadline.aborted ? `no complete answer within ${settings.llmTimeoutMs} ms` : (cause as Error).message;
        record(reason);
        log.warn('llm failed', { purpose, url, model: settings.llmModel, reason });
        throw new QuireError('llm_failed', `The LLM at ${url} failed: ${reason}`, { cause });
      }
      record();
      if (!text.trim()) {
        log.warn('llm failed', { purpose, url, model: settings.llmModel, reason: 'empty answer' });
        throw new QuireError('llm_failed', `The LLM at ${url} returned an empty answer.`);
      }
      return text;
    },
  };
}
