/**
 * An asker over the current index, in this process: what `quire ask` and
 * `quire eval` use instead of a running server. The index comes from the store
 * the settings name (local files, or PostgreSQL).
 * @module
 */
import { createAsker, type Asker } from '../ask.js';
import { loadGeneration } from '../answering/generate.js';
import type { Config } from '../config.js';
import type { ConversationStore } from '../conversation/store.js';
import { openCurrentBuild } from '../store/current.js';
import { openStore } from '../store/open-store.js';
import type { Logger } from '../log.js';

export interface LocalAsker {
  asker: Asker;
  conversations: ConversationStore;
  /** True when conversations outlive this process by themselves (the postgres store keeps them). */
  conversationsPersist: boolean;
  close(): Promise<void>;
}

export async function openLocalAsker(config: Config, log: Logger): Promise<LocalAsker> {
  const generation = await loadGeneration(config, log);
  const store = openStore(config, log);
  try {
    const index = await openCurrentBuild(store, config);
    const conversations = store.conversations({ maxTurns: config.conversationTurns, ttlMs: config.conversationTtlMs, maxConversations: config.maxConversations });
    return { asker: createAsker(() => index, conversations, config, generation), conversations, conversationsPersist: store.kind === 'postgres', close: () => store.close() };
  } catch (error) {
    await store.close();
    throw error;
  }
}
