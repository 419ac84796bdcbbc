/**
 * The postgres store: builds, the corpus model and conversations in PostgreSQL +
 * pgvector, so that several stateless Quire servers answer from one index and an
 * ingest can run on any machine that reaches the database.
 *
 * Written with `pg` directly rather than through LangChain's PGVectorStore: that
 * store keeps one flat collection of (text, metadata, vector) rows, with no notion
 * of builds published atomically, no per-term statistics for BM25 and no way to
 * reuse stored vectors across incremental ingests (src/langchain/ adapts Quire to
 * LangChain the other way round: Quire's embedder and retriever as LangChain parts).
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import type { Config } from '../../config.js';
import { QuireError } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { Store } from '../store.js';
import { connectClient, createPool, describeDatabase, storeError } from './connection.js';
import { createPostgresConversations } from './conversations.js';
import { publishPostgresBuild } from './publish.js';
import { openPostgresBuild, readPreviousPostgresBuild } from './read-build.js';
import { migrate } from './schema.js';
import { watchPostgresBuilds } from './watch.js';

/** The advisory lock two ingests of one database exclude each other with (any number only Quire uses). */
const INGEST_LOCK = 0x5155_4952_4502n;

export function createPostgresStore(config: Config, log: Logger): Store {
  const url = config.databaseUrl;
  if (!url) throw new QuireError('invalid_config', 'QUIRE_STORE=postgres needs QUIRE_DATABASE_URL / --database-url.');
  const where = describeDatabase(url);
  const pool = createPool(url);
  // Per database (by a hash of its URL, which never appears itself) and build: where model files are unpacked.
  const cacheRoot = path.join(tmpdir(), 'quire-pg', createHash('sha256').update(url).digest('hex').slice(0, 16));
  const refOf = (buildId: string): string => path.join(cacheRoot, buildId);
  const buildIdOf = (ref: string): string => path.basename(ref);

  let ready: Promise<void> | null = null;
  /** The pool, once the schema is current (migrated on first use). */
  const db = async (): Promise<pg.Pool> => {
    ready ??= (async () => {
      const client = await pool.connect().catch((error: unknown) => {
        throw storeError(error, url, 'connect to');
      });
      try {
        await migrate(client, where);
      } finally {
        client.release();
      }
    })().catch((error: unknown) => {
      ready = null;
      throw storeError(error, url, 'prepare Quire tables in');
    });
    await ready;
    return pool;
  };
  const withClient = async <T>(doing: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await (await db()).connect().catch((error: unknown) => {
      throw storeError(error, url, 'connect to');
    });
    try {
      return await work(client);
    } catch (error) {
      throw storeError(error, url, doing);
    } finally {
      client.release();
    }
  };
  /** `call` once the schema is current, its driver errors as store errors naming what Quire was doing. */
  const guard = <A extends unknown[], R>(doing: string, call: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    await db();
    return call(...args).catch((error: unknown) => {
      throw storeError(error, url, doing);
    });
  };
  const currentBuildId = async (): Promise<string | null> => {
    const { rows } = await (await db()).query<{ build_id: string }>('SELECT build_id FROM quire_current_build').catch((error: unknown) => {
      throw storeError(error, url, 'read the current build from');
    });
    return rows[0]?.build_id ?? null;
  };

  return {
    kind: 'postgres',
    currentBuild: async () => {
      const id = await currentBuildId();
      return id && refOf(id);
    },
    async openBuild(ref) {
      const build = await openPostgresBuild(await db(), config, buildIdOf(ref), ref, where).catch((error: unknown) => {
        throw storeError(error, url, 'read a build from');
      });
      const { search } = build;
      return {
        ...build,
        chunksById: guard('read chunks from', build.chunksById),
        search: {
          dense: guard('search', search.dense),
          lexical: guard('search', search.lexical),
          fetch: guard('read chunks from', search.fetch),
          labelOf: search.labelOf,
        },
      };
    },
    watchBuilds: (onChange, pollMs) => watchPostgresBuilds(url, log, onChange, pollMs),
    conversations(options) {
      const store = createPostgresConversations(pool, options);
      return {
        get: guard('read a conversation from', async (id: string) => store.get(id)),
        append: guard('save a conversation turn in', async (id: string, turn) => store.append(id, turn)),
        create: guard('start a conversation in', async () => store.create()),
      };
    },
    ingestTarget: () => ({
        description: where,
        writesGraph: false,
        async lock() {
          await db();
          const client = await connectClient(url);
          const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [INGEST_LOCK.toString()]);
          if (!rows[0]?.locked) {
            await client.end();
            throw new QuireError('conflict', `Another ingest is already building the index in ${where}.`);
          }
          // The lock is the session's: a killed ingest's session ends and PostgreSQL releases it.
          return async () => {
            await client.query('SELECT pg_advisory_unlock($1)', [INGEST_LOCK.toString()]).catch(() => {});
            await client.end().catch(() => {});
          };
        },
        async previous() {
          const id = await currentBuildId();
          if (!id) return null;
          try {
            return await withClient('read the current build from', (client) => readPreviousPostgresBuild(client, id, refOf(id), where));
          } catch (error) {
            log.warn('previous build unreadable; rebuilding everything', { database: where, build: id, error: (error as Error).message });
            return null;
          }
        },
        async createWorkDir() {
          const id = `${new Date().toISOString().replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex')}`;
          const dir = path.join(tmpdir(), 'quire-pg-ingest', id);
          await mkdir(dir, { recursive: true });
          return dir;
        },
        async publish(build, previous) {
          const id = buildIdOf(build.dir);
          await withClient('publish the build in', (client) => publishPostgresBuild(client, build, id, previous ? [buildIdOf(previous)] : []));
          await rm(build.dir, { recursive: true, force: true });
          return refOf(id);
        },
        discard: (workDir) => rm(workDir, { recursive: true, force: true }),
    }),
    close: () => pool.end(),
  };
}
