/**
 * The store: where builds of the index (and, for the postgres store, conversations)
 * live. Everything above it — the server, its compute workers, the CLI, ingest —
 * asks it for the current build and opens builds through it, so the same code
 * answers from local files (`local`, the default) or from PostgreSQL + pgvector
 * (`postgres`), where several stateless servers share one index.
 *
 * A build is named by a directory path in both stores (its `ref`): for `local`
 * the build directory itself; for `postgres` a per-build cache directory holding
 * only what must be a file to be loaded (the corpus embedding model's files, which
 * transformers.js reads from disk), filled from the database.
 * @module
 */
import type { ConversationStore, ConversationStoreOptions } from '../conversation/store.js';
import type { IndexData, OpenBuild } from '../index/open.js';
import type { PreviousBuild } from '../index/previous.js';
import type { NewBuild } from '../index/write-build.js';

export interface Store {
  readonly kind: 'local' | 'postgres';
  /** The ref of the current build, or null when none was ever published. */
  currentBuild(): Promise<string | null>;
  /** Opens a build (a ref from `currentBuild`) for answering. */
  openBuild(ref: string): Promise<OpenBuild>;
  /**
   * Reads a build's files into shared memory, which the server's compute workers
   * share instead of each opening the build (local only: its files are that memory's layout).
   */
  readShared?(ref: string): Promise<IndexData>;
  /**
   * Calls `onChange` whenever a new build may have been published (postgres: on
   * NOTIFY, and every `pollMs` in case a notification was missed); returns stop.
   */
  watchBuilds(onChange: () => void, pollMs: number): () => void;
  /** Where conversations are kept: in memory (local) or in the database, shared by every server (postgres). */
  conversations(options: ConversationStoreOptions): ConversationStore;
  /** What an ingest writes through. */
  ingestTarget(): IngestTarget;
  close(): Promise<void>;
}

/** The store as ingest sees it: one ingest at a time, the build it replaces, and atomic publishing. */
export interface IngestTarget {
  /** Excludes other ingests of this store until the returned release is called; `conflict` when one runs. */
  lock(): Promise<() => Promise<void>>;
  /** The current build as far as a re-ingest can reuse it, or null. */
  previous(): Promise<PreviousBuild | null>;
  /** A new empty directory for the build (the corpus model is fitted into it), becoming `NewBuild.dir`. */
  createWorkDir(): Promise<string>;
  /**
   * Writes the complete build and makes it current, atomically: readers see the old
   * build or the new one, never a mix, and a process killed during it leaves the old
   * one current. Returns the new build's ref. `previous` (its ref) is kept for
   * servers still loading it; older builds are removed.
   */
  publish(build: NewBuild, previous: string | null): Promise<string>;
  /** Removes a work directory of a build that failed. */
  discard(workDir: string): Promise<void>;
  /** Where the build lives, for messages (never a secret). */
  readonly description: string;
  /** Whether publish writes the HNSW graph (the local format): ingest then grows one while it embeds (NewBuild.graph). */
  readonly writesGraph: boolean;
}
