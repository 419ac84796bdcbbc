/**
 * The index the server answers from, replaced while it runs. `quire ingest`
 * publishes a new build in the store (local: renames the `current` symlink;
 * postgres: one transaction, announced by NOTIFY); the holder notices the new
 * build, opens it fully, then swaps the reference. Requests already
 * running keep the object they started with, so they finish on the old index.
 * @module
 */
import type { ServedIndex } from '../index/open.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';

export interface IndexHolder {
  /** The index to answer from, or null before one was ever loaded. */
  current(): ServedIndex | null;
  /** Why no index is loaded (or why the newest build could not be), for /health. */
  problem(): Error | null;
  /** Loads the newest published build if it differs from the loaded one; true when it switched. */
  refresh(): Promise<boolean>;
  /** Looks for new builds (when the store announces one, and every `intervalMs`) until the returned function is called. */
  watch(intervalMs: number): () => void;
}

/**
 * `open` opens a build fully (rejecting a damaged one) before it replaces the
 * loaded one: the store's `openBuild` by default, or for the server's compute workers.
 */
export function createIndexHolder(store: Store, log: Logger, open: (ref: string) => Promise<ServedIndex> = (ref) => store.openBuild(ref)): IndexHolder {
  let loaded: ServedIndex | null = null;
  let problem: Error | null = null;
  let failedDir: string | null = null;
  let refreshing: Promise<boolean> | null = null;

  async function load(): Promise<boolean> {
    let dir: string | null;
    try {
      dir = await store.currentBuild();
    } catch (error) {
      // The store is unreachable (postgres down): keep answering from the index we have.
      problem = error as Error;
      log.error('cannot look for a new index', { error: problem.message });
      return false;
    }
    if (!dir || dir === loaded?.buildDir || dir === failedDir) return false;
    try {
      const next = await open(dir);
      const previous = loaded?.buildDir ?? null;
      loaded = next;
      problem = null;
      failedDir = null;
      log.info('index loaded', { buildDir: dir, previous, chunks: next.size, embedder: next.manifest.embedder.modelId });
      return true;
    } catch (error) {
      // Keep answering from the index we have; don't retry this build every tick.
      problem = error as Error;
      failedDir = dir;
      log.error('index could not be loaded', { buildDir: dir, error: problem.message });
      return false;
    }
  }

  return {
    current: () => loaded,
    problem: () => problem,
    refresh() {
      refreshing ??= load().finally(() => (refreshing = null));
      return refreshing;
    },
    watch(intervalMs) {
      return store.watchBuilds(() => void this.refresh(), intervalMs);
    },
  };
}
