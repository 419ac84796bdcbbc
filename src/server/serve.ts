/**
 * Starts Quire's HTTP server: loads the index (or waits for one to be built),
 * watches for new builds, runs background re-indexes (and, with `--watch`,
 * starts them when the corpus changes), and listens.
 * @module
 */
import { getRequestListener } from '@hono/node-server';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAsker } from '../ask.js';
import { loadGeneration } from '../answering/generate.js';
import type { Config } from '../config.js';
import { serveIndex } from '../index/open.js';
import type { Logger } from '../log.js';
import { openStore } from '../store/open-store.js';
import { warmTextAnalysis } from '../text/warm.js';
import { createApp } from './app.js';
import { createComputePool } from './compute/pool.js';
import { answerClientErrors, unreadableRequest } from './client-errors.js';
import { requireIndex } from './context.js';
import { isLoopbackAddress } from './net/loopback.js';
import { createIndexHolder, type IndexHolder } from './index-holder.js';
import { createChildIngestRunner } from './reindex/ingest-child.js';
import { createReindexJobs, type ReindexJobs } from './reindex/jobs.js';
import { watchCorpus } from './reindex/watch-corpus.js';

/** How often the server looks for a newly published index. */
const INDEX_POLL_MS = 1_000;
/** The longest a client may take to send its request headers (slow-loris). */
const HEADERS_TIMEOUT_MS = 10_000;
/** How much later than the handler's timeout Node gives up on receiving a request. */
const NODE_TIMEOUT_GRACE_MS = 1_000;

/** How often Node checks for request and headers timeouts: a tenth of the timeout, at most a second. */
const checkingInterval = (timeoutMs: number): number => Math.max(50, Math.min(1_000, Math.floor(timeoutMs / 10)));

const httpUrl = (address: string, port: number): string => `http://${address.includes(':') ? `[${address}]` : address}:${port}`;

/** A URL a local client can connect to: the wildcard addresses are reached through loopback. */
const reachableUrl = (address: string, port: number): string =>
  address === '0.0.0.0' ? httpUrl('127.0.0.1', port) : address === '::' ? httpUrl('::1', port) : httpUrl(address, port);

export interface StartServerOptions {
  /** Quiet time after corpus changes before `--watch` re-indexes. @default 1000 */
  watchDebounceMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  holder: IndexHolder;
  jobs: ReindexJobs;
  close(): Promise<void>;
}

export async function startServer(config: Config, log: Logger, options: StartServerOptions = {}): Promise<RunningServer> {
  const generation = await loadGeneration(config, log);
  const store = openStore(config, log);
  // Retrieval and answer scoring on worker threads, so that concurrent questions use every core.
  const compute = config.computeWorkers > 0 ? createComputePool(config, log, config.computeWorkers) : undefined;
  // With workers, this thread reads each build once (into shared memory, when the store can) and the
  // workers open it too, and load the NLP resources, before it is served: the first question waits for nothing.
  const holder = createIndexHolder(
    store,
    log,
    compute &&
      (async (ref) => {
        const index = store.readShared ? serveIndex(await store.readShared(ref)) : await store.openBuild(ref);
        await compute.open(index);
        return index;
      }),
  );
  await holder.refresh();
  if (!holder.current()) log.warn('no index loaded yet; answering 503 until one is built', { indexDir: config.indexDir, problem: holder.problem()?.message });
  const stopWatching = holder.watch(INDEX_POLL_MS);

  const conversations = store.conversations({ maxTurns: config.conversationTurns, ttlMs: config.conversationTtlMs, maxConversations: config.maxConversations });
  if (!compute) warmTextAnalysis();
  const asker = createAsker(() => requireIndex(holder), conversations, config, generation, compute);
  const jobs = createReindexJobs({ run: createChildIngestRunner({ config, log }), holder, log });
  const app = createApp({ config, log, holder, asker, jobs, llm: generation?.llm ?? null });

  // Not `serve()`: it cannot pass an error handler, and requests it cannot turn into a
  // fetch Request (a backslash in the path, a bad Host) would get an empty 400.
  const headersTimeout = Math.min(HEADERS_TIMEOUT_MS, config.requestTimeoutMs);
  const server = createServer(
    // Node enforces its request and headers timeouts only when it checks the open
    // connections, every 30 s by default: a 10 s timeout fired after ~30 s.
    { connectionsCheckingInterval: checkingInterval(headersTimeout) },
    getRequestListener(app.fetch, { hostname: config.host, errorHandler: unreadableRequest(log) }),
  );
  answerClientErrors(server, log);
  // Node's own limits on receiving a request, in step with the handler timeout.
  // A second later than the handler's own timeout: once the handler has started, its 504 is the answer;
  // Node's expiry would only close the socket (a response is already under way).
  server.requestTimeout = config.requestTimeoutMs + NODE_TIMEOUT_GRACE_MS;
  server.headersTimeout = headersTimeout;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (error: unknown) => {
    stopWatching();
    await compute?.close();
    await store.close();
    throw error;
  });
  let stopWatchingCorpus = () => {};
  if (config.watch) {
    try {
      stopWatchingCorpus = watchCorpus({
        dir: config.corpusDir,
        ignore: [config.indexDir],
        log,
        onChange: () => void jobs.request('watch'),
        ...(options.watchDebounceMs !== undefined && { debounceMs: options.watchDebounceMs }),
      });
    } catch (error) {
      stopWatching();
      server.close();
      await compute?.close();
      await store.close();
      throw error;
    }
  }
  const { address, port } = server.address() as AddressInfo;
  const url = reachableUrl(address, port);
  log.info('listening', { url: httpUrl(address, port), address, port, ...(url !== httpUrl(address, port) && { local: url }) });
  if (!isLoopbackAddress(address) && !config.apiToken) {
    log.warn(
      `listening on ${address}, not only this machine: anyone who can reach port ${port} can read the documents and ask questions. ` +
        'Set QUIRE_API_TOKEN to require a token (and QUIRE_ALLOWED_HOSTS for the names clients use), or bind to 127.0.0.1.',
      { address, port },
    );
  }
  return {
    url,
    port,
    holder,
    jobs,
    close: async () => {
      stopWatching();
      stopWatchingCorpus();
      // A killed ingest leaves the published index as it was; the next one takes over its lock.
      await jobs.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Open SSE streams and keep-alive sockets would hold close() forever.
        server.closeAllConnections();
      });
      await compute?.close();
      await store.close();
    },
  };
}
