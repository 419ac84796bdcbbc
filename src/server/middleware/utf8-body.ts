/**
 * Refuses a body that is not valid UTF-8. Without this, the fetch API decodes
 * stray bytes to U+FFFD and the request goes on with text the client never
 * sent. Runs after the body limit, so at most that many bytes are read; the
 * bytes are cached by Hono, so the JSON validator reads them again for free.
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import { errorResponse } from '../errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export const utf8Body: MiddlewareHandler = async (c, next) => {
  try {
    utf8.decode(await c.req.arrayBuffer());
  } catch {
    return errorResponse(c, 'invalid_json', 'The body is not valid UTF-8.');
  }
  await next();
};
