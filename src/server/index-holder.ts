/**
 * The index the server answers from, replaced while it runs. `quire ingest`
 * publishes a new build by renaming the `current` symlink; the holder notices
 * the new target, opens it fully, then swaps the reference. Requests already
 * running keep the object they started with, so they finish on the old index.
 * @module
 */
import type { Config } from '../config.js';
import { currentBuildDir } from '../index/layout.js';
import { openIndex, type LoadedIndex } from '../index/open.js';
import type { Logger } from '../log.js';

export interface IndexHolder {
  /** The index to answer from, or null before one was ever loaded. */
  current(): LoadedIndex | null;
  /** Why no index is loaded (or why the newest build could not be), for /health. */
  problem(): Error | null;
  /** Loads the newest published build if it differs from the loaded one; true when it switched. */
  refresh(): Promise<boolean>;
  /** Polls for new builds every `intervalMs` until the returned function is called. */
  watch(intervalMs: number): () => void;
}

export function createIndexHolder(config: Config, log: Logger): IndexHolder {
  let loaded: LoadedIndex | null = null;
  let problem: Error | null = null;
  let failedDir: string | null = null;
  let refreshing: Promise<boolean> | null = null;

  async function load(): Promise<boolean> {
    const dir = await currentBuildDir(config.indexDir);
    if (!dir || dir === loaded?.buildDir || dir === failedDir) return false;
    try {
      const next = await openIndex(config, dir);
      const previous = loaded?.buildDir ?? null;
      loaded = next;
      problem = null;
      failedDir = null;
      log.info('index loaded', { buildDir: dir, previous, chunks: next.chunks.length, embedder: next.manifest.embedder.modelId });
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
      const timer = setInterval(() => void this.refresh(), intervalMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
