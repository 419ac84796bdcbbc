/**
 * The postgres store's place in `npm run bench`: a fresh database per corpus
 * size on the server QUIRE_TEST_DATABASE_URL names (`eval "$(.ci/postgres.sh start)"`
 * starts one). Without a reachable server the stage is skipped with the reason:
 * the bench reports what it can measure and never fails for a missing database.
 * @module
 */
import pg from 'pg';
import { withoutSecrets } from '../../src/store/postgres/connection.js';
import { denseSql } from '../../src/store/postgres/search.js';
import { createTestDatabase, testDatabaseUrl } from '../helpers/postgres.js';

/** Why the postgres stage cannot run here, or null when it can. */
export async function postgresUnavailable(): Promise<string | null> {
  if (!testDatabaseUrl) return 'QUIRE_TEST_DATABASE_URL is not set (`eval "$(.ci/postgres.sh start)"` starts PostgreSQL with pgvector)';
  try {
    await (await createTestDatabase()).drop();
    return null;
  } catch (error) {
    return `the PostgreSQL at QUIRE_TEST_DATABASE_URL cannot be used (${withoutSecrets((error as Error).message, testDatabaseUrl)})`;
  }
}

/** The plan PostgreSQL picks for the current build's dense search (its first vector as the query): HNSW or a scan. */
export async function densePlan(url: string, k: number): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; dims: number; embedding: string }>(
      'SELECT b.id, b.dims, (SELECT embedding::text FROM quire_chunks c WHERE c.build_id = b.id LIMIT 1) AS embedding FROM quire_builds b JOIN quire_current_build cur ON cur.build_id = b.id',
    );
    const { id, dims, embedding } = rows[0]!;
    const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${denseSql(id, dims)}`, [embedding, k]);
    const lines = plan.rows.map((row) => row['QUERY PLAN']);
    if (lines.some((line) => /Index Scan using quire_chunks_hnsw_/.test(line))) return 'HNSW index scan';
    return lines.map((line) => line.trim().replace(/'\[[^\]]*\]'/g, '$1 (query vector)')).join(' / ');
  } finally {
    await client.end();
  }
}
