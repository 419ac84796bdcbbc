/**
 * Read-only views of the index: GET /chunks/:id, GET /documents, GET /health.
 * @module
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Llm } from '../../answering/llm.js';
import { QuireError } from '../../errors.js';
import { requireIndex, type ServerDeps } from '../context.js';
import { ChunkResponseSchema, DocumentsResponseSchema, errorResponses, HealthResponseSchema } from '../schemas.js';

const chunkRoute = createRoute({
  method: 'get',
  path: '/chunks/{id}',
  summary: 'One chunk with its document title, offsets and neighbours',
  request: { params: z.object({ id: z.string().min(1).max(300).openapi({ example: 'lavrov-visit-new-strides:3' }) }) },
  responses: { 200: { description: 'The chunk', content: { 'application/json': { schema: ChunkResponseSchema } } }, ...errorResponses },
});

const documentsRoute = createRoute({
  method: 'get',
  path: '/documents',
  summary: 'The indexed documents',
  responses: { 200: { description: 'Documents', content: { 'application/json': { schema: DocumentsResponseSchema } } }, 503: errorResponses[503] },
});

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  summary: 'Whether an index is loaded, and which model built it',
  responses: { 200: { description: 'Ready', content: { 'application/json': { schema: HealthResponseSchema } } }, 503: errorResponses[503] },
});

export function registerLibrary(app: OpenAPIHono, { holder, llm }: ServerDeps): void {
  app.openapi(chunkRoute, (c) => {
    const { id } = c.req.valid('param');
    const index = requireIndex(holder);
    const chunk = index.chunkById.get(id);
    if (!chunk) throw new QuireError('not_found', `No chunk with id "${id}".`);
    const siblings = index.documents.get(chunk.docId)?.chunkIds ?? [];
    return c.json(
      {
        ...chunk,
        title: index.documents.get(chunk.docId)?.title ?? chunk.docId,
        previousId: siblings[chunk.n - 1] ?? null,
        nextId: siblings[chunk.n + 1] ?? null,
      },
      200,
    );
  });

  app.openapi(documentsRoute, (c) => {
    const index = requireIndex(holder);
    const documents = index.manifest.documents.map((doc) => ({ id: doc.id, title: doc.title, path: doc.path, chunks: doc.chunkIds.length }));
    return c.json({ documents }, 200);
  });

  app.openapi(healthRoute, (c) => {
    const index = requireIndex(holder);
    const { manifest } = index;
    return c.json(
      {
        status: 'ok' as const,
        index: { builtAt: manifest.createdAt, documents: manifest.documents.length, chunks: manifest.labels.length, embedder: manifest.embedder },
        llm: llmHealth(llm ?? null),
      },
      200,
    );
  });
}

/** How old the known LLM status may get before /health has the endpoint asked again (in the background). */
const LLM_STATUS_MAX_AGE_MS = 15_000;

function llmHealth(llm: Llm | null) {
  if (!llm) return { configured: false, reachable: null, model: null };
  const status = llm.status();
  if (!status.checkedAt || Date.now() - Date.parse(status.checkedAt) > LLM_STATUS_MAX_AGE_MS) void llm.probe();
  return { configured: true, reachable: status.reachable, model: llm.model, modelFound: status.modelFound, ...(status.problem && { problem: status.problem }) };
}
