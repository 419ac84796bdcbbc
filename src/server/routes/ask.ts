/**
 * POST /ask: a question in, a cited answer out — as one JSON response, or with
 * `Accept: text/event-stream` as Server-Sent Events: `citations` (the retrieved
 * sources), `token`… (the answer text), then `done` (the full JSON response).
 * @module
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { isQuireError } from '../../errors.js';
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

export function registerAsk(app: OpenAPIHono, { asker, holder, log }: ServerDeps): void {
  app.openapi(askRoute, async (c) => {
    const request = c.req.valid('json');
    requireIndex(holder);
    if (!(c.req.header('accept') ?? '').includes('text/event-stream')) {
      return c.json(await asker.ask(request), 200);
    }
    return streamSSE(c, async (stream) => {
      // Hooks fire synchronously inside ask(); queue their writes in order.
      let writes = Promise.resolve();
      const send = (event: string, data: unknown) => {
        writes = writes.then(() => stream.writeSSE({ event, data: JSON.stringify(data) }));
      };
      try {
        const answer = await asker.ask(request, {
          onRetrieved: (sources) => send('citations', sources),
          onToken: (text) => send('token', { text }),
        });
        send('done', answer);
      } catch (error) {
        log.error('ask failed while streaming', { error: (error as Error).message });
        send('error', { error: isQuireError(error) ? { code: error.code, message: error.advice } : { code: 'internal', message: 'Something went wrong on the server; it has been logged.' } });
      }
      await writes;
    }) as never;
  });
}
