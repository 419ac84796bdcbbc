/**
 * A fresh PostgreSQL database per test file, on the server QUIRE_TEST_DATABASE_URL
 * names (`.ci/run` starts one: .ci/postgres.sh). Without it the postgres tests skip
 * with the reason printed; CI always sets it.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const testDatabaseUrl = process.env.QUIRE_TEST_DATABASE_URL || undefined;

if (!testDatabaseUrl) {
  console.warn('postgres-store tests skipped: QUIRE_TEST_DATABASE_URL is not set (`eval "$(.ci/postgres.sh start)"` starts a PostgreSQL with pgvector and sets it).');
}

/** Creates an empty database beside the test database; returns its URL and a function dropping it. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!testDatabaseUrl) throw new Error('QUIRE_TEST_DATABASE_URL is not set');
  const name = `quire_t_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: testDatabaseUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Runs `sql` on the database at `url`. */
export async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
