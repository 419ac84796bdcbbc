/**
 * API bodies are JSON in UTF-8 (RFC 8259 §8.1): any other media type, or a
 * charset other than UTF-8, is a 415 before any parsing happens.
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import { errorResponse } from '../errors.js';

/** Why a Content-Type is not UTF-8 JSON, or null when it is. */
export function jsonTypeProblem(type: string): string | null {
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) return `Expected Content-Type: application/json, got ${type ? `"${type.slice(0, 100)}"` : 'none'}.`;
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(type)?.[1];
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) return `JSON bodies must be UTF-8, not "${charset.slice(0, 40)}".`;
  return null;
}

export const requireJson: MiddlewareHandler = async (c, next) => {
  const problem = jsonTypeProblem(c.req.header('content-type') ?? '');
  if (problem) return errorResponse(c, 'unsupported_media_type', problem);
  await next();
};
