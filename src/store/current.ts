/**
 * The current build of a store, opened; `index_not_built` naming where none was found.
 * @module
 */
import path from 'node:path';
import type { Config } from '../config.js';
import { QuireError } from '../errors.js';
import type { OpenBuild } from '../index/open.js';
import { describeDatabase } from './postgres/connection.js';
import type { Store } from './store.js';

export async function openCurrentBuild(store: Store, config: Config): Promise<OpenBuild> {
  const ref = await store.currentBuild();
  if (!ref) {
    const where = store.kind === 'postgres' && config.databaseUrl ? describeDatabase(config.databaseUrl) : path.resolve(config.indexDir);
    throw new QuireError('index_not_built', `No index found in ${where}.`);
  }
  return store.openBuild(ref);
}
