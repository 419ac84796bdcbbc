/**
 * Runs `quire ingest --json` as a child process for the server. A child, not a
 * function call: embedding is CPU-heavy and a crash (or an out-of-memory kill)
 * in it must not take the server down — and a killed child is exactly the
 * killed-CLI case the atomic publish already survives. The child gets the
 * server's resolved settings as `QUIRE_*` variables, reports progress as JSON
 * lines on stderr (its stderr is a pipe, not a terminal) and its summary, or
 * its error, as one JSON line on stdout.
 * @module
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { configToEnv, SETTINGS, type Config } from '../../config.js';
import type { IngestProgress } from '../../ingest/ingest.js';
import { parseOutcome, parseProgressLine, type CommandFailure, type IngestJsonSummary } from '../../ingest/protocol.js';
import type { Logger, LogLevel } from '../../log.js';

export const QUIRE_BIN = fileURLToPath(new URL('../../bin.js', import.meta.url));

/** Why an ingest failed, in the API's error shape. */
export type IngestFailure = CommandFailure;

export class IngestFailedError extends Error {
  override readonly name = 'IngestFailedError';
  constructor(readonly failure: IngestFailure) {
    super(failure.message);
  }
}

export interface IngestRun {
  /** The summary; rejects with an IngestFailedError. */
  done: Promise<IngestJsonSummary>;
  /** Stops the ingest (SIGTERM); `done` then rejects. */
  kill(): void;
}

/** Starts one ingest; how the reindex jobs run one, swappable in tests. */
export type IngestRunner = (onProgress: (progress: IngestProgress) => void) => IngestRun;

export interface ChildIngestOptions {
  config: Config;
  log: Logger;
  /** Extra CLI arguments, e.g. `['--refit']`. @default [] */
  args?: readonly string[];
}

/** Most bytes of non-JSON stderr kept to explain a crash. */
const STDERR_TAIL = 4_096;
/** Tokens and keys, unset for the child; not the database URL, which a postgres-store ingest writes through. */
const blankSecrets = Object.fromEntries(
  Object.values(SETTINGS).flatMap((s) => ('secret' in s && s.env !== SETTINGS.databaseUrl.env ? [[s.env, '']] : [])),
);
const LEVELS = new Set<LogLevel>(['debug', 'info', 'warn', 'error']);

export function createChildIngestRunner({ config, log, args = [] }: ChildIngestOptions): IngestRunner {
  // The child needs none of the server's secrets but the database it writes to.
  const env = { ...process.env, ...configToEnv(config), ...blankSecrets };
  return (onProgress) => {
    const child = spawn(process.execPath, [QUIRE_BIN, 'ingest', '--json', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderrTail = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    createInterface({ input: child.stderr }).on('line', (line) => {
      const progress = parseProgressLine(line);
      if (progress) return onProgress(progress);
      if (!forwardLogLine(line, log, child.pid)) stderrTail = `${stderrTail}${line}\n`.slice(-STDERR_TAIL);
    });

    const done = new Promise<IngestJsonSummary>((resolve, reject) => {
      child.once('error', (error) => reject(new IngestFailedError({ code: 'internal', message: `Could not start the ingest: ${error.message}` })));
      child.once('close', (code, signal) => {
        const outcome = parseOutcome(stdout);
        // Exit code 2: some documents could not be read, the index was still published.
        if ((code === 0 || code === 2) && outcome && 'summary' in outcome) return resolve(outcome.summary);
        if (outcome && 'failure' in outcome) return reject(new IngestFailedError(outcome.failure));
        const why = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
        // First line only: a crash prints a stack trace, which no API answer may carry.
        const detail = stderrTail.replace(/^quire: /, '').split('\n')[0]?.trim();
        reject(new IngestFailedError({ code: 'internal', message: `The ingest ${why}${detail ? `: ${detail}` : '.'}` }));
      });
    });
    return { done, kill: () => void child.kill('SIGTERM') };
  };
}

/** Re-logs a structured log line of the child through the server's logger; false when the line is not one. */
function forwardLogLine(line: string, log: Logger, pid: number | undefined): boolean {
  if (!line.startsWith('{')) return false;
  try {
    const { level, msg, time: _time, ...fields } = JSON.parse(line) as { level?: unknown; msg?: unknown; time?: unknown };
    if (!LEVELS.has(level as LogLevel) || typeof msg !== 'string') return false;
    log[level as LogLevel](`ingest: ${msg}`, { ...fields, ingestPid: pid });
    return true;
  } catch {
    return false;
  }
}
