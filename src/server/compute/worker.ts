/**
 * A compute worker thread: opens the index builds it is asked about (the
 * server's settings arrive as workerData) and runs `inProcessCompute` on them.
 * The newest two builds stay open: requests that began on the previous index
 * finish on it while new ones use the new one, as in the server's own holder.
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { inProcessCompute } from '../../ask-compute.js';
import type { Config } from '../../config.js';
import { isQuireError } from '../../errors.js';
import type { LoadedIndex } from '../../index/open.js';
import { silentLogger } from '../../log.js';
import { openStore } from '../../store/open-store.js';
import { warmTextAnalysis } from '../../text/warm.js';
import type { ComputeReply, ComputeRequest } from './protocol.js';

const OPEN_BUILDS = 2;
const config = workerData as Config;
const store = openStore(config, silentLogger);
const builds = new Map<string, Promise<LoadedIndex>>();

function index(buildDir: string): Promise<LoadedIndex> {
  let opened = builds.get(buildDir);
  if (!opened) {
    opened = store.openBuild(buildDir);
    opened.catch(() => builds.delete(buildDir));
    builds.set(buildDir, opened);
    for (const old of [...builds.keys()].slice(0, -OPEN_BUILDS)) builds.delete(old);
  }
  return opened;
}

async function run(request: ComputeRequest): Promise<unknown> {
  const loaded = await index(request.buildDir);
  switch (request.op) {
    case 'retrieve':
      return inProcessCompute.retrieve(loaded, request.query, request.options);
    case 'compose':
      return inProcessCompute.composeExtractive(loaded, request.query, request.retrieved, request.options);
    case 'open':
      warmTextAnalysis();
      return null;
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
