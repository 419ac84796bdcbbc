/**
 * The admin routes, present only when an admin token is configured (otherwise
 * they do not exist and answer 404 like any unknown path):
 *   POST /admin/reindex        start a background re-index → 202 { job }; 409 while one runs
 *   GET  /admin/reindex/:job   the job's state, progress and ingest summary
 *   POST /admin/documents      add one document (multipart `file`, or JSON { name, text }),
 *                              then re-index (queued behind a running job) → 202 { document, job }
 * @module
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { QuireError } from '../../errors.js';
import type { ServerDeps } from '../context.js';
import { errorResponse } from '../errors.js';
import { bearerToken } from '../middleware/bearer-token.js';
import { jsonTypeProblem } from '../middleware/require-json.js';
import { utf8Body } from '../middleware/utf8-body.js';
import type { ReindexJobs } from '../reindex/jobs.js';
import { JobParamsSchema, JobResponseSchema, UploadFormSchema, UploadJsonSchema, UploadQuerySchema, UploadResponseSchema, ErrorSchema } from '../schemas.js';
import { checkDocumentBytes } from '../upload/document-bytes.js';
import { documentFileName } from '../upload/document-name.js';
import { storeDocument } from '../upload/store-document.js';

/**
 * Room for what wraps the document in the body: multipart headers and
 * boundaries, or JSON quoting and escapes (a quarter more covers ordinary text).
 * The document itself is then held to `maxUploadBytes` exactly.
 */
const envelopeBytes = (maxUploadBytes: number): number => Math.ceil(maxUploadBytes / 4) + 64 * 1024;

const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });
const security = [{ adminToken: [] }];

const reindexRoute = createRoute({
  method: 'post',
  path: '/admin/reindex',
  summary: 'Re-index the corpus directory in the background',
  security,
  responses: {
    202: { description: 'The job started', content: { 'application/json': { schema: JobResponseSchema } } },
    401: error('Missing or wrong admin token'),
    409: error('A re-index is already running'),
  },
});

const jobRoute = createRoute({
  method: 'get',
  path: '/admin/reindex/{job}',
  summary: 'A re-index job: state, progress, and the ingest summary when done',
  security,
  request: { params: JobParamsSchema },
  responses: {
    200: { description: 'The job', content: { 'application/json': { schema: JobResponseSchema } } },
    400: error('Not a job id'),
    401: error('Missing or wrong admin token'),
    404: error('No such job'),
  },
});

const uploadRoute = createRoute({
  method: 'post',
  path: '/admin/documents',
  summary: 'Add a document to the corpus directory, then re-index',
  security,
  request: {
    query: UploadQuerySchema,
    // Not `required`: with two media types, each validator runs only for its own.
    body: { required: false, content: { 'multipart/form-data': { schema: UploadFormSchema }, 'application/json': { schema: UploadJsonSchema } } },
  },
  responses: {
    202: { description: 'Stored; the re-index job that will include it', content: { 'application/json': { schema: UploadResponseSchema } } },
    400: error('Bad name, or the bytes are not the document type the name says'),
    401: error('Missing or wrong admin token'),
    409: error('A document with that name exists and overwrite=true was not asked'),
    413: error('The document is larger than the upload limit'),
    415: error('Neither multipart/form-data nor JSON, or not a supported document type'),
  },
});

export function registerAdmin(app: OpenAPIHono, { config, jobs }: ServerDeps & { jobs: ReindexJobs }): void {
  if (!config.adminToken) return;
  app.openAPIRegistry.registerComponent('securitySchemes', 'adminToken', { type: 'http', scheme: 'bearer', description: 'QUIRE_ADMIN_TOKEN' });

  // The token is checked before any body is read.
  app.use('/admin/*', bearerToken(config.adminToken));
  app.post(
    '/admin/documents',
    bodyLimit({
      maxSize: config.maxUploadBytes + envelopeBytes(config.maxUploadBytes),
      onError: (c) => errorResponse(c, 'payload_too_large', `Documents may be at most ${config.maxUploadBytes} bytes.`),
    }),
    uploadMediaType,
  );

  app.openapi(reindexRoute, (c) => c.json({ job: jobs.start('admin') }, 202));

  app.openapi(jobRoute, (c) => {
    const job = jobs.get(c.req.valid('param').job);
    if (!job) throw new QuireError('not_found', 'No re-index job with that id (finished jobs are forgotten after a while).');
    return c.json({ job }, 200);
  });

  app.openapi(uploadRoute, async (c) => {
    // Each validator ran only for its own media type; the other left `{}`.
    const upload = await readUpload(c as unknown as Context, c.req.valid('json') as UploadJson, c.req.valid('form') as UploadForm);
    const name = documentFileName(upload.name);
    if (upload.bytes.length > config.maxUploadBytes) {
      throw new QuireError('payload_too_large', `"${name}" is ${upload.bytes.length} bytes; documents may be at most ${config.maxUploadBytes}.`);
    }
    checkDocumentBytes(name, upload.bytes);
    const overwrite = upload.overwrite || c.req.valid('query').overwrite === 'true';
    const document = await storeDocument(config.corpusDir, name, upload.bytes, { overwrite });
    return c.json({ document, job: jobs.request('upload') }, 202);
  });
}

const isMultipart = (type: string): boolean => /^multipart\/form-data\s*(?:;|$)/i.test(type);

/** Multipart, or JSON held to what /ask holds it to (UTF-8); anything else is a 415 naming both. */
const uploadMediaType: MiddlewareHandler = async (c, next) => {
  const type = c.req.header('content-type') ?? '';
  if (isMultipart(type)) return next();
  if (jsonTypeProblem(type) === null) return utf8Body(c, next);
  return errorResponse(c, 'unsupported_media_type', 'Send the document as multipart/form-data (field "file") or as UTF-8 application/json { "name", "text" }.');
};

interface Upload {
  name: string;
  bytes: Uint8Array;
  overwrite: boolean;
}

type UploadJson = { name?: string; text?: string; overwrite?: boolean | undefined };
type UploadForm = { file?: File; name?: string | undefined; overwrite?: string | undefined };

async function readUpload(c: Context, json: UploadJson, form: UploadForm): Promise<Upload> {
  if (isMultipart(c.req.header('content-type') ?? '')) {
    const file = form.file!;
    return { name: form.name ?? file.name, bytes: new Uint8Array(await file.arrayBuffer()), overwrite: form.overwrite === 'true' };
  }
  return { name: json.name!, bytes: Buffer.from(json.text!, 'utf8'), overwrite: json.overwrite === true };
}
