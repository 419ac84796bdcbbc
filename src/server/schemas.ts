/**
 * The request and response schemas of the HTTP API: they validate requests and
 * generate GET /openapi.json, so the two cannot drift apart.
 * @module
 */
import { z } from '@hono/zod-openapi';

export const AskRequestSchema = z
  .object({
    question: z.string().trim().min(1, 'question must not be empty').max(2000, 'question must be at most 2000 characters').openapi({ example: 'Where did Imran Khan meet President Putin?' }),
    conversationId: z.string().min(1).max(200, 'conversationId must be at most 200 characters').optional().openapi({ description: 'Continue this conversation; unknown ids start a new one.' }),
    topK: z.number().int().min(1).max(20).optional().openapi({ description: 'Chunks to retrieve (1–20).' }),
  })
  .strict()
  .openapi('AskRequest');

export const CitationSchema = z
  .object({ id: z.string(), docId: z.string(), title: z.string(), text: z.string(), score: z.number() })
  .openapi('Citation');

export const AnswerSchema = z
  .object({
    answer: z.string(),
    citations: z.array(CitationSchema),
    grounded: z.boolean().openapi({ description: 'False when the documents do not contain the answer.' }),
    conversationId: z.string(),
    newConversation: z.boolean(),
    rewrittenQuery: z.string().optional(),
    warnings: z.array(z.string()),
    timings: z.object({ retrieveMs: z.number(), answerMs: z.number() }),
  })
  .openapi('Answer');

export const ErrorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .openapi('Error');

export const ChunkResponseSchema = z
  .object({
    id: z.string(),
    docId: z.string(),
    n: z.number(),
    title: z.string(),
    text: z.string(),
    start: z.number(),
    end: z.number(),
    previousId: z.string().nullable(),
    nextId: z.string().nullable(),
  })
  .openapi('Chunk');

export const DocumentsResponseSchema = z
  .object({ documents: z.array(z.object({ id: z.string(), title: z.string(), path: z.string(), chunks: z.number() })) })
  .openapi('Documents');

export const HealthResponseSchema = z
  .object({
    status: z.literal('ok'),
    index: z.object({
      builtAt: z.string(),
      documents: z.number(),
      chunks: z.number(),
      embedder: z.object({ kind: z.enum(['neural', 'corpus']), modelId: z.string(), dims: z.number() }),
    }),
    llm: z.object({ configured: z.boolean(), model: z.string().nullable() }),
  })
  .openapi('Health');

export const errorResponses = {
  400: { description: 'Invalid request', content: { 'application/json': { schema: ErrorSchema } } },
  404: { description: 'Not found', content: { 'application/json': { schema: ErrorSchema } } },
  503: { description: 'No index loaded yet', content: { 'application/json': { schema: ErrorSchema } } },
} as const;
