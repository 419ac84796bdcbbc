/**
 * Per-client rate limiting with a fixed one-minute window per address. Small
 * and in-memory on purpose: Quire is one process on one machine. Loopback
 * clients are this machine — the user's own scripts and page — and are not
 * limited unless asked (QUIRE_RATE_LIMIT_LOOPBACK); each address has its own
 * bucket either way (127.0.0.2 is not 127.0.0.1).
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import { errorResponse } from '../errors.js';
import { isLoopbackAddress } from '../net/loopback.js';
import { requestSocket } from '../net/socket.js';

const WINDOW_MS = 60_000;
/** Above this many tracked clients, expired windows are swept. */
const SWEEP_AT = 10_000;

export interface RateLimitOptions {
  perMinute: number;
  /** Limit loopback clients too. */
  includeLoopback: boolean;
  /** Clock, for tests. @default Date.now */
  now?: () => number;
}

export function rateLimit({ perMinute, includeLoopback, now = Date.now }: RateLimitOptions): MiddlewareHandler {
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    if (perMinute === 0) return next();
    // app.request() in tests has no socket: one shared client.
    const client = requestSocket(c)?.remoteAddress ?? 'local';
    if (!includeLoopback && isLoopbackAddress(client)) return next();
    const t = now();
    let window = windows.get(client);
    if (!window || t - window.start >= WINDOW_MS) {
      if (windows.size >= SWEEP_AT) for (const [key, w] of windows) if (t - w.start >= WINDOW_MS) windows.delete(key);
      window = { start: t, count: 0 };
      windows.set(client, window);
    }
    window.count += 1;
    if (window.count > perMinute) {
      const retryAfter = Math.max(1, Math.ceil((window.start + WINDOW_MS - t) / 1000));
      return errorResponse(c, 'rate_limited', `More than ${perMinute} requests a minute from this client.`, { 'Retry-After': String(retryAfter) });
    }
    await next();
  };
}
