/**
 * Starts Quire's HTTP server: loads the index (or waits for one to be built),
 * watches for new builds, and listens.
 * @module
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createAsker } from '../answering/ask.js';
import { loadGeneration } from '../answering/generate.js';
import type { Config } from '../config.js';
import { createConversationStore } from '../conversation/store.js';
import type { Logger } from '../log.js';
import { createApp } from './app.js';
import { requireIndex } from './context.js';
import { createIndexHolder, type IndexHolder } from './index-holder.js';

/** How often the server looks for a newly published index. */
const INDEX_POLL_MS = 1_000;

export interface RunningServer {
  url: string;
  port: number;
  holder: IndexHolder;
  close(): Promise<void>;
}

export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const generation = await loadGeneration(config);
  const holder = createIndexHolder(config, log);
  await holder.refresh();
  if (!holder.current()) log.warn('no index loaded yet; answering 503 until one is built', { indexDir: config.indexDir, problem: holder.problem()?.message });
  const stopWatching = holder.watch(INDEX_POLL_MS);

  const conversations = createConversationStore({ maxTurns: config.conversationTurns, ttlMs: config.conversationTtlMs, maxConversations: config.maxConversations });
  const asker = createAsker(() => requireIndex(holder), conversations, config, generation);
  const app = createApp({ config, log, holder, asker });

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  log.info('listening', { url });
  return {
    url,
    port,
    holder,
    close: () =>
      new Promise<void>((resolve) => {
        stopWatching();
        server.close(() => resolve());
        // Open SSE streams and keep-alive sockets would hold close() forever.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
