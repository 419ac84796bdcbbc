/**
 * Answers only requests addressed to this server by a name it expects, against
 * DNS rebinding: a page on `http://evil.example:8787` whose name the attacker
 * re-points at 127.0.0.1 is same-origin with itself, so the browser lets it
 * read the responses — but its requests still say `Host: evil.example:8787`.
 * Allowed: the loopback names, the address the server was bound to, and the
 * names in QUIRE_ALLOWED_HOSTS; with the port the request actually came in on.
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import { errorResponse } from '../errors.js';
import { requestSocket } from '../net/socket.js';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
/** Binding to these means "every interface": not a name anyone sends. */
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

export interface HostGuardOptions {
  /** The address the server listens on (`QUIRE_HOST`). */
  bindHost: string;
  /** Extra names (`QUIRE_ALLOWED_HOSTS`), each a host name, optionally with `:port`. */
  allowedHosts: readonly string[];
}

/** `host` or `host:port` → lower-case hostname (IPv6 in brackets) and port ('' when none); null when it is not a host. */
export function parseHost(value: string): { hostname: string; port: string } | null {
  try {
    const url = new URL(`http://${value}`);
    if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return null;
    // URL drops the default port; keep what was sent so `:80` still names a port.
    const port = /:(\d+)$/.exec(value)?.[1] ?? '';
    return { hostname: url.hostname.toLowerCase(), port };
  } catch {
    return null;
  }
}

export function hostGuard({ bindHost, allowedHosts }: HostGuardOptions): MiddlewareHandler {
  const bound = bindHost.includes(':') && !bindHost.startsWith('[') ? `[${bindHost}]` : bindHost;
  const names = new Set([...LOOPBACK_NAMES, ...(WILDCARDS.has(bound) ? [] : [bound])].map((n) => n.toLowerCase()));
  const exact = new Set<string>();
  for (const entry of allowedHosts) {
    const parsed = parseHost(entry);
    if (!parsed) continue;
    if (parsed.port) exact.add(`${parsed.hostname}:${parsed.port}`);
    else names.add(parsed.hostname);
  }
  return async (c, next) => {
    const sent = c.req.header('host') ?? '';
    const host = parseHost(sent);
    const localPort = requestSocket(c)?.localPort;
    // No port in Host means the scheme's default, 80.
    const portMatches = (port: string) => localPort === undefined || Number(port || 80) === localPort;
    const allowed = host !== null && (exact.has(`${host.hostname}:${host.port}`) || (names.has(host.hostname) && portMatches(host.port)));
    if (!allowed) {
      return errorResponse(
        c,
        'host_not_allowed',
        `This server does not answer to the host ${JSON.stringify(sent.slice(0, 100))}. Use http://127.0.0.1:${localPort ?? 'PORT'}/, or add the name to QUIRE_ALLOWED_HOSTS.`,
      );
    }
    await next();
  };
}
