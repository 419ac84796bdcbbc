/**
 * The store the settings ask for (`QUIRE_STORE` / `--store`).
 * @module
 */
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { createLocalStore } from './local.js';
import { createPostgresStore } from './postgres/store.js';
import type { Store } from './store.js';

export function openStore(config: Config, log: Logger): Store {
  return config.store === 'postgres' ? createPostgresStore(config, log) : createLocalStore(config, log);
}
