/**
 * Connections to the PostgreSQL store, and its errors without secrets: the
 * database is named by host, port and database name only, never by its URL,
 * which may hold a password.
 * @module
 */
import pg from 'pg';
import { QuireError } from '../../errors.js';

/** Connections each Quire process keeps open at most (a server, each compute worker, an ingest). */
const POOL_SIZE = 4;
/**
 * Candidates pgvector's HNSW search keeps (hnsw.ef_search, default 40): the local
 * graph's ef (index/vectors.ts), so that both stores search as widely.
 */
const EF_SEARCH = 100;

export function createPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, application_name: 'quire', options: `-c hnsw.ef_search=${EF_SEARCH}` });
  // An idle connection that breaks (the server restarted) is dropped by the pool; the next query reports it.
  pool.on('error', () => {});
  return pool;
}

/** One dedicated session (LISTEN, advisory locks live as long as their session). */
export async function connectClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: 'quire' });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    throw storeError(error, url, 'connect to');
  }
  return client;
}

/** `host:port/database`: how messages and logs name the database. */
export function describeDatabase(url: string): string {
  try {
    const u = new URL(url);
    return `PostgreSQL ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

/** The URL's password and the URL itself blanked out of a driver message. */
export function withoutSecrets(message: string, url: string): string {
  let clean = message.split(url).join(describeDatabase(url));
  try {
    const password = decodeURIComponent(new URL(url).password);
    if (password) clean = clean.split(password).join('***');
  } catch {
    // Not a URL: nothing more to hide than the whole string.
  }
  return clean;
}

/** A driver failure as a QuireError naming the database and what Quire was doing, without secrets. */
export function storeError(error: unknown, url: string, doing: string): QuireError {
  if (error instanceof QuireError) return error;
  const detail = withoutSecrets(error instanceof Error ? error.message || String((error as NodeJS.ErrnoException).code ?? error) : String(error), url);
  // The driver's error (with the URL's parts) stays out of `cause`: it is logged and serialised too.
  return new QuireError('store_unavailable', `Could not ${doing} ${describeDatabase(url)}: ${detail}.`);
}
