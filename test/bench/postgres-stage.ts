/**
 * The postgres store's place in `npm run bench`: a fresh database per corpus
 * size on the server QUIRE_TEST_DATABASE_URL names (`eval "$(.ci/postgres.sh start)"`
 * starts one). Without a reachable server the stage is skipped with the reason:
 * the bench reports what it can measure and never fails for a missing database.
 * @module
 */
import { withoutSecrets } from '../../src/store/postgres/connection.js';
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
