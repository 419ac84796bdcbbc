/**
 * `quire serve` (and `quire start`: ingest first when there is no index yet);
 * `--watch` re-indexes in the background when the corpus directory changes.
 * @module
 */
import type { Config } from '../config.js';
import { currentBuildDir } from '../index/layout.js';
import type { Logger } from '../log.js';
import { startServer } from '../server/serve.js';

export async function runServeCommand(config: Config, log: Logger, { ingestFirst }: { ingestFirst: boolean }): Promise<number> {
  if (ingestFirst && !(await currentBuildDir(config.indexDir))) {
    process.stderr.write(`No index in ${config.indexDir} yet: building one from ${config.corpusDir} first.\n`);
    // Imported only then: ingest brings transformers.js, which a server's main thread otherwise never loads.
    const { runIngestCommand } = await import('./ingest-command.js');
    await runIngestCommand(config, log, { json: false });
  }
  const server = await startServer(config, log);
  process.stderr.write(`Quire is answering at ${server.url}  (Ctrl+C to stop)\n`);
  if (config.watch) process.stderr.write(`Re-indexing when files in ${config.corpusDir} change.\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
