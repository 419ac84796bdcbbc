/**
 * QUIRE_API_TOKEN: when set, every route needs it as a Bearer token except
 * `/health` (for monitors) and the chat page's own files (so the page can load
 * and ask for the token). The admin routes keep their own, stronger token.
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import { bearerToken } from './bearer-token.js';

/** The realm the page recognises to ask for the API token. */
export const API_REALM = 'quire';

/** `publicPaths`: exact paths served to GET/HEAD without the token. */
export function apiToken(token: string, publicPaths: ReadonlySet<string>): MiddlewareHandler {
  const guard = bearerToken(token, { realm: API_REALM, name: 'API token' });
  return async (c, next) => {
    const { path, method } = c.req;
    if (path.startsWith('/admin/') || ((method === 'GET' || method === 'HEAD') && publicPaths.has(path))) return next();
    return guard(c, next);
  };
}
