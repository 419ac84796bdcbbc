/**
 * Requests too malformed to reach Hono: those Node's HTTP parser rejects (a
 * bad request line, header overflow, a body that never arrives) and those the
 * Node adapter cannot turn into a fetch Request (a backslash in the path, a
 * bad Host header). Both would get an empty response; Quire answers with its
 * JSON error shape like everywhere else.
 * @module
 */
import { RequestError } from '@hono/node-server';
import type { Server } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { ERROR_CATALOGUE, type ErrorCode } from '../errors.js';
import type { Logger } from '../log.js';

const CODES: Record<string, ErrorCode> = {
  HPE_HEADER_OVERFLOW: 'headers_too_large',
  ERR_HTTP_REQUEST_TIMEOUT: 'request_timeout',
};

export function answerClientErrors(server: Server, log: Logger): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    log.debug('unreadable request', { code: error.code, error: error.message });
    // A client that hung up cannot be answered; a socket already answering must not get a second response.
    if (error.code === 'ECONNRESET' || !socket.writable || (socket as Duplex & { _httpMessage?: unknown })._httpMessage) return void socket.destroy();
    const code = CODES[error.code ?? ''] ?? 'invalid_request';
    const status = ERROR_CATALOGUE[code].status;
    const body = JSON.stringify({ error: { code, message: `The request could not be read (${STATUS_CODES[status]}). ${ERROR_CATALOGUE[code].hint}` } });
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}

/** The adapter's error handler: a request it could not build, or (never expected) a fetch that threw. */
export function unreadableRequest(log: Logger): (error: unknown) => Response {
  return (error) => {
    const json = (status: number, code: string, message: string) =>
      new Response(JSON.stringify({ error: { code, message } }), { status, headers: { 'content-type': 'application/json' } });
    if (error instanceof RequestError) return json(400, 'invalid_request', `The request could not be read: ${error.message}.`);
    log.error('unhandled error outside the app', { error: (error as Error)?.message, stack: (error as Error)?.stack });
    return json(500, 'internal', 'Something went wrong on the server; it has been logged.');
  };
}
