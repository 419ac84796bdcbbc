/**
 * The guard of the admin routes (QUIRE_ADMIN_TOKEN) and of the API (QUIRE_API_TOKEN): `Authorization: Bearer <token>`, compared in
 * constant time. Both sides are hashed first, so the comparison takes the same
 * time whatever the length of the guess (timingSafeEqual itself wants equal
 * lengths, and an early length check would leak the token's length).
 * @module
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { errorResponse } from '../errors.js';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

export interface BearerTokenOptions {
  /** The WWW-Authenticate realm. @default 'quire-admin' */
  realm?: string;
  /** What the messages call the token. @default 'admin token' */
  name?: string;
}

export function bearerToken(token: string, { realm = 'quire-admin', name = 'admin token' }: BearerTokenOptions = {}): MiddlewareHandler {
  const expected = digest(token);
  const challenge = { 'WWW-Authenticate': `Bearer realm="${realm}"` };
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (!header) return errorResponse(c, 'unauthorized', `This route needs the ${name}.`, challenge);
    const match = /^Bearer +(\S+) *$/i.exec(header);
    if (!match || !timingSafeEqual(digest(match[1]!), expected)) {
      return errorResponse(c, 'unauthorized', `The ${name} is missing from the Authorization header or wrong.`, challenge);
    }
    await next();
  };
}
