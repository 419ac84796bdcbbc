/**
 * API bodies are JSON: anything else is a 415 before any parsing happens.
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import { errorResponse } from '../errors.js';

export const requireJson: MiddlewareHandler = async (c, next) => {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    return errorResponse(c, 'unsupported_media_type', `Expected Content-Type: application/json, got ${type ? `"${type.slice(0, 100)}"` : 'none'}.`);
  }
  await next();
};
