/**
 * Talking to the Quire server: JSON GETs, and POST /ask read as Server-Sent
 * Events (`citations`, `token`…, `done`, or `error`). Every failure becomes an
 * ApiError whose `kind` tells the page which state to show.
 * @module
 */

/** @typedef {'unreachable' | 'http' | 'stream'} ErrorKind */

export class ApiError extends Error {
  /** @param {string} message @param {{ kind: ErrorKind, status?: number, code?: string, cause?: unknown }} details */
  constructor(message, { kind, status = 0, code = '', cause }) {
    super(message, { cause });
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.code = code;
  }
}

/** GET (or `method`) a JSON resource; throws ApiError. `token` is sent as a bearer token (the admin routes). */
export async function getJson(path, { signal, token, method = 'GET' } = {}) {
  const response = await request(path, { method, headers: { accept: 'application/json', ...bearer(token) }, signal });
  return response.json();
}

const bearer = (token) => (token ? { authorization: `Bearer ${token}` } : {});

/**
 * POST /admin/documents with `file` as multipart, reporting upload progress
 * (`onProgress(sent, total)`), which fetch cannot. Resolves with the JSON
 * answer `{ document, job }`; throws ApiError like every other call.
 */
export function uploadDocument(file, { token, onProgress }) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/admin/documents');
    for (const [name, value] of Object.entries({ accept: 'application/json', ...bearer(token) })) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener('progress', (event) => event.lengthComputable && onProgress?.(event.loaded, event.total));
    xhr.addEventListener('error', () => reject(new ApiError('Can’t reach the Quire server. Is it running?', { kind: 'unreachable' })));
    xhr.addEventListener('load', () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300 && body) return resolve(body);
      const message = typeof body?.error?.message === 'string' ? body.error.message : `The server answered HTTP ${xhr.status}.`;
      reject(new ApiError(message, { kind: 'http', status: xhr.status, code: body?.error?.code ?? '' }));
    });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/**
 * Ask a question, streaming. `onCitations(list)` fires once with the retrieved
 * sources, `onToken(text)` for each piece of the answer; resolves with the
 * final answer from the `done` event.
 */
export async function ask(body, { onCitations, onToken } = {}, signal) {
  const response = await request('/ask', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify(body),
    signal,
  });
  // A server (or proxy) that ignores Accept answers with plain JSON: same answer, no stream.
  if (!(response.headers.get('content-type') ?? '').includes('text/event-stream')) return response.json();

  try {
    for await (const { event, data } of readEvents(response.body)) {
      const payload = parseJson(data);
      if (event === 'citations' && Array.isArray(payload)) onCitations?.(payload);
      else if (event === 'token' && typeof payload?.text === 'string') onToken?.(payload.text);
      else if (event === 'done' && payload) return payload;
      else if (event === 'error') {
        throw new ApiError(payload?.error?.message ?? 'The server failed while answering.', { kind: 'stream', code: payload?.error?.code ?? '' });
      }
    }
  } catch (error) {
    if (error instanceof ApiError || error?.name === 'AbortError') throw error;
    throw new ApiError('The connection dropped while the answer was arriving.', { kind: 'stream', cause: error });
  }
  throw new ApiError('The answer was cut off: the server closed the stream before it finished.', { kind: 'stream' });
}

/** Where the API token (QUIRE_API_TOKEN) is kept once asked for: this tab only, gone when it closes. */
const TOKEN_KEY = 'quire-api-token';

async function request(path, init) {
  const sent = sessionStorage.getItem(TOKEN_KEY);
  let response = await send(path, init);
  // A server started with QUIRE_API_TOKEN challenges with realm "quire": ask once, keep it for the tab
  // (unless another request asked meanwhile: then just retry with what it got).
  if (response.status === 401 && /realm="quire"/.test(response.headers.get('www-authenticate') ?? '')) {
    const token = sessionStorage.getItem(TOKEN_KEY) !== sent ? sessionStorage.getItem(TOKEN_KEY) : window.prompt('This Quire server needs its API token (QUIRE_API_TOKEN):')?.trim();
    if (token) {
      sessionStorage.setItem(TOKEN_KEY, token);
      response = await send(path, init);
    }
  }
  if (response.ok) return response;
  // Errors are `{ error: { code, message } }`; anything else (a proxy's page) gets a generic message.
  const body = parseJson(await response.text().catch(() => ''));
  const message = typeof body?.error?.message === 'string' ? body.error.message : `The server answered HTTP ${response.status}.`;
  throw new ApiError(message, { kind: 'http', status: response.status, code: body?.error?.code ?? '' });
}

async function send(path, init) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  // A call that brings its own token (the admin routes) keeps it.
  const headers = token && !init.headers?.authorization ? { ...init.headers, authorization: `Bearer ${token}` } : init.headers;
  try {
    return await fetch(path, { ...init, headers });
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    throw new ApiError('Can’t reach the Quire server. Is it running?', { kind: 'unreachable', cause: error });
  }
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * The events of a text/event-stream body, as `{ event, data }`, following the
 * WHATWG parsing rules that matter here: CRLF/CR/LF line ends, multi-line data,
 * comments, and frames split anywhere across network chunks.
 */
export async function* readEvents(body) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      // Hold back a trailing CR: it may be the first half of a CRLF.
      const ready = done || !buffer.endsWith('\r') ? buffer : buffer.slice(0, -1);
      const lines = ready.replace(/\r\n?/g, '\n');
      let end;
      let start = 0;
      while ((end = lines.indexOf('\n\n', start)) !== -1) {
        const event = parseFrame(lines.slice(start, end));
        start = end + 2;
        if (event) yield event;
      }
      buffer = lines.slice(start) + buffer.slice(ready.length);
      if (done) return;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

/** One frame's lines → `{ event, data }`, or null when it carries no data. */
export function parseFrame(frame) {
  let event = 'message';
  const data = [];
  for (const line of frame.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length ? { event, data: data.join('\n') } : null;
}
