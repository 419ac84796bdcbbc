/**
 * The admin routes' guard: `Authorization: Bearer <token>`, compared in
 * constant time. Both sides are hashed first, so the comparison takes the same
 * time whatever the length of the guess (timingSafeEqual itself wants equal
 * lengths, and an early length check would leak the token's length).
 * @module
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { errorResponse } from '../errors.js';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

export function bearerToken(token: string): MiddlewareHandler {
  const expected = digest(token);
  const challenge = { 'WWW-Authenticate': 'Bearer realm="quire-admin"' };
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (!header) return errorResponse(c, 'unauthorized', 'This route needs the admin token.', challenge);
    const match = /^Bearer +(\S+) *$/i.exec(header);
    if (!match || !timingSafeEqual(digest(match[1]!), expected)) {
      return errorResponse(c, 'unauthorized', 'The admin token is missing from the Authorization header or wrong.', challenge);
    }
    await next();
  };
}
