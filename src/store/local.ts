/**
 * The local store: builds as directories under the index directory (src/index/),
 * conversations in memory. Quire's default, and exactly its behaviour before the
 * store existed.
 * @module
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import { createConversationStore } from '../conversation/store.js';
import { diskFullOr } from '../errors.js';
import { acquireIngestLock, createBuildDir, currentBuildDir, publishBuild, pruneBuilds } from '../index/layout.js';
import { openIndex, readIndexData } from '../index/open.js';
import { readPreviousBuild } from '../index/previous.js';
import { writeBuildFiles } from '../index/write-build.js';
import type { Logger } from '../log.js';
import type { Store } from './store.js';

export function createLocalStore(config: Config, log: Logger): Store {
  const { indexDir } = config;
  return {
    kind: 'local',
    currentBuild: () => currentBuildDir(indexDir),
    openBuild: (ref) => openIndex(config, ref),
    readShared: (ref) => readIndexData(config, ref),
    watchBuilds(onChange, pollMs) {
      const timer = setInterval(onChange, pollMs);
      timer.unref();
      return () => clearInterval(timer);
    },
    conversations: (options) => createConversationStore(options),
    ingestTarget: () => ({
      description: path.resolve(indexDir),
      writesGraph: true,
      lock: () =>
        acquireIngestLock(indexDir).catch((error: unknown) => {
          throw diskFullOr(error, indexDir, 'the index directory');
        }),
      previous: () => readPreviousBuild(indexDir, log),
      createWorkDir: () => createBuildDir(indexDir),
      async publish(build, previous) {
        await writeBuildFiles(build);
        await publishBuild(indexDir, build.dir);
        await pruneBuilds(indexDir, [build.dir, ...(previous ? [previous] : [])]);
        return build.dir;
      },
      discard: (workDir) => rm(workDir, { recursive: true, force: true }),
    }),
    close: async () => {},
  };
}
