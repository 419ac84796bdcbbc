/**
 * One structured log line per request, with its latency.
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../../log.js';

export const requestLog = (log: Logger): MiddlewareHandler => async (c, next) => {
  const started = performance.now();
  await next();
  log.info('request', {
    method: c.req.method,
    path: c.req.path,
    status: c.res.status,
    ms: Number((performance.now() - started).toFixed(1)),
  });
};
