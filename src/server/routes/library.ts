/**
 * Read-only views of the index: GET /chunks/:id, GET /documents,
 * GET /documents/:id (a whole document, passage by passage), GET /health.
 * @module
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Llm } from '../../answering/llm.js';
import { documentType } from '../../corpus/load-file.js';
import { QuireError } from '../../errors.js';
import type { ManifestDocument } from '../../index/manifest.js';
import { requireIndex, type ServerDeps } from '../context.js';
import { ChunkResponseSchema, DocumentParamsSchema, DocumentResponseSchema, DocumentsResponseSchema, errorResponses, HealthResponseSchema } from '../schemas.js';

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

const documentRoute = createRoute({
  method: 'get',
  path: '/documents/{id}',
  summary: 'One document: its title, file, type and every passage (chunk) in order',
  request: { params: DocumentParamsSchema },
  responses: { 200: { description: 'The document', content: { 'application/json': { schema: DocumentResponseSchema } } }, ...errorResponses },
});

const summary = (doc: ManifestDocument) => ({ id: doc.id, title: doc.title, path: doc.path, type: documentType(doc.path), chunks: doc.chunkIds.length });

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  summary: 'Whether an index is loaded, and which model built it',
  responses: { 200: { description: 'Ready', content: { 'application/json': { schema: HealthResponseSchema } } }, 503: errorResponses[503] },
});

export function registerLibrary(app: OpenAPIHono, { holder, llm, config }: ServerDeps): void {
  app.openapi(chunkRoute, async (c) => {
    const { id } = c.req.valid('param');
    const index = requireIndex(holder);
    const [chunk] = await index.chunksById([id]);
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
    return c.json(
      {
        documents: index.manifest.documents.map(summary),
        failed: index.manifest.failed ?? [],
        uploads: { enabled: config.adminToken !== undefined, maxBytes: config.maxUploadBytes },
      },
      200,
    );
  });

  app.openapi(documentRoute, async (c) => {
    const { id } = c.req.valid('param');
    const index = requireIndex(holder);
    const doc = index.documents.get(id);
    if (!doc) throw new QuireError('not_found', `No document with id "${id}". GET /documents lists them.`);
    const passages = (await index.chunksById(doc.chunkIds)).map((chunk) => {
      const { id: passageId, n, text, start, end } = chunk!;
      return { id: passageId, n, text, start, end };
    });
    return c.json({ ...summary(doc), passages }, 200);
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
