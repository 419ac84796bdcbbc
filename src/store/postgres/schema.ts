/**
 * Quire's tables in PostgreSQL, created and migrated by Quire itself. Each
 * migration runs once, in order, in one transaction under an advisory lock, so
 * servers and ingests starting together never race to create them; the version
 * reached is kept in quire_schema.
 *
 * Builds are rows, never updated once written: every table of index data is keyed
 * by build id, and `quire_current_build` (one row) says which build is served.
 * Vectors have no fixed dimension at the column (the corpus model's and a neural
 * model's differ); each build gets its own partial HNSW index over
 * `embedding::vector(dims)` (pgvector's way for mixed dimensions), created in the
 * transaction that publishes the build.
 * @module
 */
import type pg from 'pg';
import { QuireError } from '../../errors.js';

/** Append only: a migration once released is never edited. */
const MIGRATIONS: readonly string[] = [
  `CREATE EXTENSION IF NOT EXISTS vector;
   CREATE TABLE quire_builds (
     id text PRIMARY KEY,
     created_at timestamptz NOT NULL DEFAULT now(),
     manifest jsonb NOT NULL,
     dims int NOT NULL,
     bm25_k1 float8 NOT NULL,
     bm25_b float8 NOT NULL,
     avg_length float8 NOT NULL,
     parse_failures jsonb NOT NULL DEFAULT '[]'
   );
   CREATE TABLE quire_current_build (
     only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
     build_id text NOT NULL REFERENCES quire_builds (id),
     published_at timestamptz NOT NULL DEFAULT now()
   );
   CREATE TABLE quire_documents (
     build_id text NOT NULL REFERENCES quire_builds (id) ON DELETE CASCADE,
     id text NOT NULL,
     title text NOT NULL,
     path text NOT NULL,
     sha256 text NOT NULL,
     PRIMARY KEY (build_id, id)
   );
   CREATE TABLE quire_chunks (
     build_id text NOT NULL REFERENCES quire_builds (id) ON DELETE CASCADE,
     label int NOT NULL,
     id text NOT NULL,
     doc_id text NOT NULL,
     n int NOT NULL,
     text text NOT NULL,
     start_offset int NOT NULL,
     end_offset int NOT NULL,
     token_count int NOT NULL,
     embedding vector NOT NULL,
     analysis jsonb NOT NULL,
     PRIMARY KEY (build_id, label),
     UNIQUE (build_id, id)
   );
   -- BM25's per-term statistics: the term's postings (chunk labels, ascending, and term frequencies).
   -- Document frequency is cardinality(labels); chunk lengths are quire_chunks.token_count.
   CREATE TABLE quire_terms (
     build_id text NOT NULL REFERENCES quire_builds (id) ON DELETE CASCADE,
     term text NOT NULL,
     labels int[] NOT NULL,
     tfs int[] NOT NULL,
     PRIMARY KEY (build_id, term)
   );
   -- The corpus embedding model's files, so that every server loads the model that embedded the build.
   CREATE TABLE quire_model_files (
     build_id text NOT NULL REFERENCES quire_builds (id) ON DELETE CASCADE,
     path text NOT NULL,
     bytes bytea NOT NULL,
     PRIMARY KEY (build_id, path)
   );
   CREATE TABLE quire_conversations (
     id uuid PRIMARY KEY,
     last_used timestamptz NOT NULL DEFAULT now()
   );
   CREATE INDEX quire_conversations_last_used ON quire_conversations (last_used);
   CREATE TABLE quire_turns (
     conversation_id uuid NOT NULL REFERENCES quire_conversations (id) ON DELETE CASCADE,
     n bigserial,
     turn jsonb NOT NULL,
     PRIMARY KEY (conversation_id, n)
   );`,
  // Each posting's BM25 contribution, so that a query's scores are sums in SQL (search.ts). Builds
  // published before have theirs computed here by the same formula (retrieval/bm25.ts).
  `ALTER TABLE quire_terms ADD COLUMN impacts float8[];
   UPDATE quire_terms t SET impacts = (
     SELECT array_agg(
              ln(1 + (s.chunks - cardinality(t.labels) + 0.5) / (cardinality(t.labels) + 0.5)) * p.tf * (b.bm25_k1 + 1)
              / (p.tf + b.bm25_k1 * (1 - b.bm25_b + (b.bm25_b * c.token_count) / (CASE WHEN b.avg_length = 0 THEN 1 ELSE b.avg_length END)))
              ORDER BY p.at)
     FROM quire_builds b
     CROSS JOIN (SELECT count(*) AS chunks FROM quire_chunks WHERE build_id = t.build_id) s
     CROSS JOIN unnest(t.labels, t.tfs) WITH ORDINALITY AS p (label, tf, at)
     JOIN quire_chunks c ON c.build_id = t.build_id AND c.label = p.label
     WHERE b.id = t.build_id);
   ALTER TABLE quire_terms ALTER COLUMN impacts SET NOT NULL;`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Any 64-bit number Quire alone uses: the advisory lock serialising migrations. */
const MIGRATION_LOCK = 0x5155_4952_4501n;

/** Brings the database's Quire tables to SCHEMA_VERSION; refuses a database migrated by a newer Quire. */
export async function migrate(client: pg.ClientBase, where: string): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK.toString()]);
    await client.query('CREATE TABLE IF NOT EXISTS quire_schema (version int NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM quire_schema');
    const version = rows[0]?.version ?? 0;
    if (version > SCHEMA_VERSION) {
      throw new QuireError(
        'index_incompatible',
        `${where} holds Quire's tables at schema version ${version}; this Quire knows versions up to ${SCHEMA_VERSION}. Upgrade Quire.`,
      );
    }
    for (let v = version; v < SCHEMA_VERSION; v++) await client.query(MIGRATIONS[v]!);
    if (rows.length === 0) await client.query('INSERT INTO quire_schema (version) VALUES ($1)', [SCHEMA_VERSION]);
    else if (version !== SCHEMA_VERSION) await client.query('UPDATE quire_schema SET version = $1', [SCHEMA_VERSION]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/** The per-build HNSW index's name: build ids are `[0-9A-Za-z-]`, identifiers want `[a-z0-9_]`. */
export const hnswIndexName = (buildId: string): string => `quire_chunks_hnsw_${buildId.toLowerCase().replace(/[^a-z0-9]/g, '_')}`;

/** A build id safe to put in SQL text (partial index predicates need a literal, not a parameter). */
export function buildIdLiteral(buildId: string): string {
  if (!/^[0-9A-Za-z-]+$/.test(buildId)) throw new QuireError('index_corrupt', `Build id ${JSON.stringify(buildId)} is not a Quire build id.`);
  return `'${buildId}'`;
}
