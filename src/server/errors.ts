/**
 * The error shape every route answers with: `{ error: { code, message } }`.
 * Known failures are QuireErrors, answered without absolute paths; anything else
 * is logged and becomes a plain 500 without internals.
 * @module
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ERROR_CATALOGUE, isQuireError, type ErrorCode } from '../errors.js';
import type { Logger } from '../log.js';
import { pathRedactor } from './public-message.js';

export function errorResponse(c: Context, code: ErrorCode, message: string, headers?: Record<string, string>): Response {
  return c.json({ error: { code, message } }, ERROR_CATALOGUE[code].status as ContentfulStatusCode, headers);
}

/** `privateDirs`: directories whose paths clients must not see (see public-message.ts). */
export function createErrorHandler(log: Logger, privateDirs: readonly string[]) {
  const withoutPaths = pathRedactor(privateDirs);
  return (error: Error, c: Context): Response => {
    if (isQuireError(error)) {
      const message = withoutPaths(error.advice);
      // The client's copy has no paths; the log keeps them.
      if (message !== error.advice || error.status >= 500) log.warn('request failed', { method: c.req.method, path: c.req.path, code: error.code, error: error.advice });
      return errorResponse(c, error.code, message);
    }
    if (error instanceof HTTPException) {
      // Hono's own validators and middleware: malformed JSON, body limit, timeouts.
      if (error.status === 400) {
        // Hono's validators say which body they could not parse.
        return /json/i.test(error.message)
          ? errorResponse(c, 'invalid_json', 'The body is not valid JSON.')
          : errorResponse(c, 'invalid_request', `The body could not be read: ${error.message.replace(/\.$/, '')}.`);
      }
      if (error.status === 413) return errorResponse(c, 'payload_too_large', 'The request body is too large.');
      if (error.status === 504 || error.status === 408) return errorResponse(c, 'timeout', 'The request took too long.');
      if (error.status === 404) return errorResponse(c, 'not_found', `${c.req.method} ${c.req.path} does not exist.`);
    }
    log.error('unhandled error', { method: c.req.method, path: c.req.path, error: error.message, stack: error.stack });
    return c.json({ error: { code: 'internal', message: 'Something went wrong on the server; it has been logged.' } }, 500);
  };
}
