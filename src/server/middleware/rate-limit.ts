/**
 * Per-client rate limiting with a fixed one-minute window per address. Small
 * and in-memory on purpose: Quire is one process on one machine.
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { errorResponse } from '../errors.js';

const WINDOW_MS = 60_000;
/** Above this many tracked clients, expired windows are swept. */
const SWEEP_AT = 10_000;

export function rateLimit(perMinute: number, now: () => number = Date.now): MiddlewareHandler {
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    if (perMinute === 0) return next();
    const client = clientAddress(c);
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

function clientAddress(c: Parameters<MiddlewareHandler>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket.
    return 'local';
  }
}
