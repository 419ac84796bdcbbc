/**
 * POST /ask: a question in, a cited answer out — as one JSON response, or with
 * `Accept: text/event-stream` as Server-Sent Events: `citations` (the retrieved
 * sources), `token`… (the answer text as it is verified, sentence by sentence),
 * then `done` (the full JSON response).
 * @module
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { isQuireError, QuireError } from '../../errors.js';
import { requireIndex, type ServerDeps } from '../context.js';
import { AnswerSchema, AskRequestSchema, errorResponses } from '../schemas.js';

const askRoute = createRoute({
  method: 'post',
  path: '/ask',
  summary: 'Ask a question of the indexed documents',
  request: { body: { required: true, content: { 'application/json': { schema: AskRequestSchema } } } },
  responses: {
    200: {
      description: 'The answer with its citations (JSON), or the same as Server-Sent Events when the client accepts text/event-stream.',
      content: { 'application/json': { schema: AnswerSchema }, 'text/event-stream': { schema: { type: 'string' } } },
    },
    ...errorResponses,
  },
});

export function registerAsk(app: OpenAPIHono, { asker, holder, log, config }: ServerDeps): void {
  app.openapi(askRoute, async (c) => {
    const request = c.req.valid('json');
    requireIndex(holder);
    // Nobody waits for the answer once the client is gone or the request timed out (it got its
    // 504): the LLM must stop generating then, not run to the end for no one.
    const gone = new AbortController();
    const signal = AbortSignal.any([c.req.raw.signal, gone.signal, AbortSignal.timeout(config.requestTimeoutMs)]);
    if (!(c.req.header('accept') ?? '').includes('text/event-stream')) {
      return c.json(await asker.ask(request, { signal }), 200);
    }
    return streamSSE(c, async (stream) => {
      stream.onAbort(() => gone.abort());
      // Hooks fire synchronously inside ask(); queue their writes in order.
      let writes = Promise.resolve();
      const send = (event: string, data: unknown) => {
        writes = writes.then(() => stream.writeSSE({ event, data: JSON.stringify(data) }));
      };
      try {
        const answer = await asker.ask(request, {
          onRetrieved: (sources) => send('citations', sources),
          onToken: (text) => send('token', { text }),
          signal,
        });
        send('done', answer);
      } catch (error) {
        if (c.req.raw.signal.aborted || gone.signal.aborted) return void log.info('client left while its answer streamed; generation cancelled');
        const failure = signal.aborted ? new QuireError('timeout', `No answer within ${config.requestTimeoutMs} ms.`) : error;
        log.error('ask failed while streaming', { error: (failure as Error).message });
        send('error', { error: isQuireError(failure) ? { code: failure.code, message: failure.advice } : { code: 'internal', message: 'Something went wrong on the server; it has been logged.' } });
      }
      await writes;
    }) as never;
  });
}
