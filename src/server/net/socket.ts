/**
 * The TCP connection a request came in on, as the Node adapter exposes it.
 * Undefined under `app.request()` (tests without a server), which has no socket.
 * @module
 */
import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';

export interface RequestSocket {
  remoteAddress: string | undefined;
  localPort: number | undefined;
}

export function requestSocket(c: Context): RequestSocket | undefined {
  const env = c.env as { incoming?: IncomingMessage; server?: { incoming?: IncomingMessage } } | undefined;
  const socket = (env?.server?.incoming ?? env?.incoming)?.socket;
  return socket ? { remoteAddress: socket.remoteAddress, localPort: socket.localPort } : undefined;
}
