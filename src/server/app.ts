/**
 * The Hono application: middleware, routes, the OpenAPI document, the chat
 * page and the error shape. Only wiring; each piece lives in its own module.
 * @module
 */
import { readdirSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OpenAPIHono } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { timeout } from 'hono/timeout';
import { HTTPException } from 'hono/http-exception';
import type { ServerDeps } from './context.js';
import { createErrorHandler, errorResponse } from './errors.js';
import { apiToken } from './middleware/api-token.js';
import { hostGuard } from './middleware/host-guard.js';
import { rateLimit } from './middleware/rate-limit.js';
import { requestLog } from './middleware/request-log.js';
import { requireJson } from './middleware/require-json.js';
import { utf8Body } from './middleware/utf8-body.js';
import { recordMetrics } from './metrics/middleware.js';
import { createMetricsRegistry } from './metrics/registry.js';
import { registerAdmin } from './routes/admin.js';
import { registerAsk } from './routes/ask.js';
import { registerLibrary } from './routes/library.js';
import { registerMetrics } from './routes/metrics.js';

export const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));

/** What anyone may fetch without the API token: the page's own files and /health. */
const publicPaths = (): Set<string> =>
  new Set(['/', '/health', ...readdirSync(WEB_DIR, { recursive: true, encoding: 'utf8' }).map((file) => `/${file.split(path.sep).join('/')}`)]);

export function createApp(deps: ServerDeps): OpenAPIHono {
  const { config, log } = deps;
  const app = new OpenAPIHono({
    // zod failures become the one error shape, naming the field and the problem.
    defaultHook: (result, c) => {
      if (result.success) return;
      const message = result.error.issues
        .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
        .join('; ');
      return errorResponse(c, 'invalid_request', message);
    },
  });

  const metrics = createMetricsRegistry();
  app.use('*', requestLog(log));
  app.use('*', recordMetrics(metrics));
  app.use('*', hostGuard({ bindHost: config.host, allowedHosts: config.allowedHosts }));
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    }),
  );
  if (config.corsOrigins.length > 0) app.use('*', cors({ origin: config.corsOrigins, allowMethods: ['GET', 'POST'], allowHeaders: ['Content-Type', 'Accept', 'Authorization'] }));
  if (config.apiToken) app.use('*', apiToken(config.apiToken, publicPaths()));
  app.use('*', timeout(config.requestTimeoutMs, () => new HTTPException(504)));
  app.use('/ask', rateLimit({ perMinute: config.rateLimitPerMinute, includeLoopback: config.rateLimitLoopback }));
  app.post('/ask', requireJson, bodyLimit({ maxSize: config.maxBodyBytes, onError: (c) => errorResponse(c, 'payload_too_large', `The body is larger than ${config.maxBodyBytes} bytes.`) }), utf8Body);

  registerAsk(app, deps);
  registerLibrary(app, deps);
  registerAdmin(app, deps);
  registerMetrics(app, deps, metrics);
  app.doc('/openapi.json', { openapi: '3.0.3', info: { title: 'Quire', version: '1', description: 'Ask questions of your own documents; answers cite the chunks they come from.' } });
  app.use('/*', serveStatic({ root: WEB_DIR }));

  app.notFound((c) => errorResponse(c, 'not_found', `${c.req.method} ${c.req.path} does not exist.`));
  app.onError(createErrorHandler(log, [process.cwd(), tmpdir(), homedir(), config.corpusDir, config.indexDir, ...(config.modelsDir ? [config.modelsDir] : [])]));
  return app;
}
