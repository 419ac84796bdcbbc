/**
 * One error type, one catalogue. Every failure Quire reports on purpose is a
 * `QuireError` whose `code` maps to an HTTP status and a hint saying what to do next.
 * @module
 */

import path from 'node:path';

export const ERROR_CATALOGUE = {
  invalid_config: { status: 500, hint: 'Fix the setting named above (environment variable or flag) and start again.' },
  invalid_request: { status: 400, hint: 'See GET /openapi.json for the expected request shape.' },
  // A command given the wrong arguments or input files; its messages say what was expected.
  invalid_usage: { status: 400, hint: 'Run `quire help` for the commands and their flags.' },
  invalid_json: { status: 400, hint: 'Send a valid JSON body.' },
  unsupported_media_type: { status: 415, hint: 'Send the body as application/json.' },
  unsupported_document_type: { status: 415, hint: 'Upload a .txt, .md, .html, .htm or .pdf file.' },
  payload_too_large: { status: 413, hint: 'Send a smaller body.' },
  headers_too_large: { status: 431, hint: 'Send a shorter URL and fewer or smaller headers.' },
  request_timeout: { status: 408, hint: 'Send the whole request promptly.' },
  not_found: { status: 404, hint: '' },
  unauthorized: { status: 401, hint: 'Send the token as "Authorization: Bearer <token>".' },
  host_not_allowed: { status: 421, hint: '' },
  conflict: { status: 409, hint: 'Wait for the running job to finish, then try again.' },
  document_exists: { status: 409, hint: 'Choose another name, or ask for overwrite=true to replace it.' },
  rate_limited: { status: 429, hint: 'Slow down and retry after the time in the Retry-After header.' },
  index_not_built: { status: 503, hint: 'Run `quire ingest` (or `npm start`) to build the index.' },
  index_incompatible: { status: 503, hint: 'Re-run `quire ingest` to rebuild the index with the current settings.' },
  index_corrupt: { status: 503, hint: 'Re-run `quire ingest` to rebuild the index.' },
  // The postgres store's database cannot be reached or refused a query; messages name host, port and database, never the URL.
  store_unavailable: { status: 503, hint: 'Check that PostgreSQL is running and that QUIRE_DATABASE_URL points at it.' },
  // Its messages name the full directory (over HTTP, the path goes to the log only).
  disk_full: { status: 507, hint: 'Free some space there (or point the setting at another disk), then try again.' },
  // Its messages name the directory and the files, and say what to do.
  model_missing: { status: 503, hint: '' },
  corpus_empty: { status: 400, hint: 'Add .txt, .md, .html or .pdf files to the corpus directory.' },
  document_invalid: { status: 400, hint: 'Check the file: it must be readable text, HTML, Markdown or PDF.' },
  llm_failed: { status: 502, hint: 'Check that the LLM endpoint is running, or unset QUIRE_LLM_URL.' },
  timeout: { status: 504, hint: 'Try again, or ask a shorter question.' },
} as const satisfies Record<string, { status: number; hint: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export class QuireError extends Error {
  override readonly name = 'QuireError';
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  get status(): number {
    return ERROR_CATALOGUE[this.code].status;
  }

  /** The message with the catalogue's hint on what to do next, for people. */
  get advice(): string {
    const hint = ERROR_CATALOGUE[this.code].hint;
    return hint ? `${this.message} ${hint}` : this.message;
  }
}

export const isQuireError = (error: unknown): error is QuireError => error instanceof QuireError;

/** Errno codes that mean the disk (or the user's quota on it) is full. */
const DISK_FULL = new Set(['ENOSPC', 'EDQUOT']);

/**
 * A write that failed because the disk is full, as `disk_full` naming the whole
 * directory (Node's own message says only "ENOSPC: no space left on device, write");
 * any other error is returned unchanged.
 */
export function diskFullOr(error: unknown, dir: string, what: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (!code || !DISK_FULL.has(code)) return error;
  return new QuireError('disk_full', `No space left on the disk holding ${what} ${path.resolve(dir)} (${code}).`, { cause: error });
}
