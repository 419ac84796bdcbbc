/**
 * What the routes share: settings, logger, the live index, the asker and the re-index jobs.
 * @module
 */
import type { Llm } from '../answering/llm.js';
import type { Asker } from '../ask.js';
import type { Config } from '../config.js';
import { QuireError } from '../errors.js';
import type { ServedIndex } from '../index/open.js';
import type { Logger } from '../log.js';
import type { IndexHolder } from './index-holder.js';
import type { ReindexJobs } from './reindex/jobs.js';

export interface ServerDeps {
  config: Config;
  log: Logger;
  holder: IndexHolder;
  asker: Asker;
  /** Background re-indexes, started by the admin routes and `--watch`. */
  jobs: ReindexJobs;
  /** The configured LLM, for GET /health; null without one. */
  llm?: Llm | null;
}

/** The loaded index, or the 503 that says why there is none: not built yet, damaged, or built with other settings. */
export function requireIndex(holder: IndexHolder): ServedIndex {
  const index = holder.current();
  if (index) return index;
  const problem = holder.problem();
  if (problem instanceof QuireError) throw problem;
  if (!problem) throw new QuireError('index_not_built', 'No index has been built yet.');
  // A build was published but would not open (a library's own parse error): its files are damaged.
  throw new QuireError('index_corrupt', `The index could not be loaded (${problem.message}).`, { cause: problem });
}
