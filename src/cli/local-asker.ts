/**
 * An asker over the current index, in this process: what `quire ask` and
 * `quire eval` use instead of a running server.
 * @module
 */
import { createAsker, type Asker } from '../ask.js';
import { loadGeneration } from '../answering/generate.js';
import type { Config } from '../config.js';
import { createConversationStore, type ConversationStore } from '../conversation/store.js';
import { openIndex } from '../index/open.js';
import type { Logger } from '../log.js';

export async function openLocalAsker(config: Config, log: Logger): Promise<{ asker: Asker; conversations: ConversationStore }> {
  const generation = await loadGeneration(config, log);
  const index = await openIndex(config);
  const conversations = createConversationStore({ maxTurns: config.conversationTurns, ttlMs: config.conversationTtlMs, maxConversations: config.maxConversations });
  return { asker: createAsker(() => index, conversations, config, generation), conversations };
}
