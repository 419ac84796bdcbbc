/**
 * A compute worker thread: opens the index builds the server tells it of (from
 * the shared arrays it is posted, adding only its own embedder; or, for a store
 * that cannot share, through the store itself; the server's settings arrive as
 * workerData) and runs `inProcessCompute` on them. It loads the NLP resources
 * answering reads as it starts, while the server reads the build it will be
 * posted. The newest two builds stay open: requests that began on the previous
 * index finish on it while new ones use the new one, as in the server's own holder.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { inProcessCompute } from '../../ask-compute.js';
import type { Config } from '../../config.js';
import { isQuireError, QuireError } from '../../errors.js';
import { openIndexData, type OpenBuild } from '../../index/open.js';
import { fromPosted } from '../../index/posted.js';
import { silentLogger } from '../../log.js';
import { openStore } from '../../store/open-store.js';
import { warmTextAnalysis } from '../../text/warm.js';
import { threadData } from '../../threads/spawn.js';
import type { ComputeReply, ComputeRequest } from './protocol.js';

const OPEN_BUILDS = 2;
// Before any message is handled (its first is the server's build, which the server reads
// meanwhile): a worker is ready to answer once it has opened that build.
warmTextAnalysis();
const config = threadData<Config>();
const store = openStore(config, silentLogger);
const builds = new Map<string, Promise<OpenBuild>>();

function index(buildDir: string): Promise<OpenBuild> {
  const opened = builds.get(buildDir);
  if (!opened) throw new QuireError('index_not_built', `The compute worker was not given the build ${buildDir}.`);
  return opened;
}

async function run(request: ComputeRequest): Promise<unknown> {
  switch (request.op) {
    case 'retrieve':
      return inProcessCompute.retrieve(await index(request.buildDir), request.query, request.options);
    case 'compose':
      return inProcessCompute.composeExtractive(await index(request.buildDir), request.query, request.retrieved, request.options);
    case 'open': {
      // A build that failed to open stays, failed: requests already sent after it get its error.
      // The pool posts it again (replacing this) on its next request.
      const opened = request.data ? openIndexData(config, fromPosted(request.data)) : store.openBuild(request.buildDir);
      opened.catch(() => {});
      builds.delete(request.buildDir);
      builds.set(request.buildDir, opened);
      for (const old of [...builds.keys()].slice(0, -OPEN_BUILDS)) builds.delete(old);
      await opened;
      return null;
    }
  }
}

parentPort!.on('message', (request: ComputeRequest) => {
  run(request).then(
    (value) => parentPort!.postMessage({ id: request.id, ok: true, value } satisfies ComputeReply),
    (error: unknown) =>
      parentPort!.postMessage({
        id: request.id,
        ok: false,
        error: { ...(isQuireError(error) && { code: error.code }), message: error instanceof Error ? error.message : String(error) },
      } satisfies ComputeReply),
  );
});
