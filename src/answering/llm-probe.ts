/**
 * The start-up check of an LLM endpoint: `GET <url>/models`, which Ollama,
 * llama.cpp's server and vLLM all serve in OpenAI's shape
 * (`{ data: [{ id }] }`). Tells "down", "up but without this model" and "ready" apart.
 * @module
 */

export interface LlmStatus {
  /** null until the endpoint was first asked. */
  reachable: boolean | null;
  /** Whether `GET /models` listed the configured model; null when it could not say. */
  modelFound: boolean | null;
  /** When `reachable` was last learnt (ISO time), by the probe or by a call. */
  checkedAt: string | null;
  /** Why the endpoint is not reachable, when it is not. */
  problem?: string;
}

export interface ProbeOptions {
  url: string;
  model: string;
  apiKey?: string | undefined;
  timeoutMs: number;
}

export async function probeLlm({ url, model, apiKey, timeoutMs }: ProbeOptions): Promise<LlmStatus> {
  const checkedAt = new Date().toISOString();
  try {
    const response = await fetch(`${url.replace(/\/+$/, '')}/models`, {
      headers: { accept: 'application/json', ...(apiKey && { authorization: `Bearer ${apiKey}` }) },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return { reachable: false, modelFound: null, checkedAt, problem: `GET /models answered HTTP ${response.status}` };
    const ids = modelIds(await response.json().catch(() => null));
    // llama.cpp's server answers to any model name with the one it loaded: "not listed" is not "not served".
    return { reachable: true, modelFound: ids === null ? null : ids.includes(model), checkedAt };
  } catch (error) {
    const problem = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : describeFetchError(error as Error);
    return { reachable: false, modelFound: null, checkedAt, problem };
  }
}

function modelIds(body: unknown): string[] | null {
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) return null;
  return data.flatMap((entry) => (typeof (entry as { id?: unknown })?.id === 'string' ? [(entry as { id: string }).id] : []));
}

/** fetch's "fetch failed" hides the reason (ECONNREFUSED, ENOTFOUND) in `cause`. */
function describeFetchError(error: Error): string {
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause?.code ?? cause?.message ?? error.message;
}
