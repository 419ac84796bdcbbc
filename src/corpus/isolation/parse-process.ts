/**
 * Parsing in a child process with a heap cap and a time limit, for the formats
 * that can explode (a 1.5 KB PDF whose page tree reuses one node ten times per
 * level declares a million pages and took 6 minutes and 3 GB in-process). One
 * child serves a whole ingest, one file at a time; when a file overruns its
 * time or memory the child is killed, the file fails with the reason, and the
 * next file gets a fresh child.
 * @module
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { QuireError } from '../../errors.js';
import type { Extracted } from '../loaders/types.js';
import type { ParseReply, ParseRequest } from './protocol.js';

const CHILD = fileURLToPath(new URL('./parse-child.ts', import.meta.url));
// The child runs TypeScript sources like the CLI does; resolved here so it works from any working directory.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
/** How much of the child's stderr is kept to tell an out-of-memory death from another crash. */
const STDERR_TAIL = 2_048;

export interface ParseLimits {
  timeoutMs: number;
  memoryMb: number;
  maxPages: number;
}

export interface ParseProcess {
  /** The file's text, or a `document_invalid` error naming why (including time and memory overruns). */
  parse(absolutePath: string): Promise<Extracted>;
  /** Stops the child; call when the ingest is done with it. */
  close(): void;
}

export function createParseProcess(limits: ParseLimits): ParseProcess {
  let child: ChildProcess | null = null;
  let stderrTail = '';
  let nextId = 0;
  // Files are parsed one at a time (ingest loads sequentially); this chain keeps it so.
  let queue: Promise<unknown> = Promise.resolve();

  const start = (): ChildProcess => {
    stderrTail = '';
    const started = fork(CHILD, [], {
      execArgv: [`--max-old-space-size=${limits.memoryMb}`, '--import', TSX],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    started.stderr!.setEncoding('utf8').on('data', (text: string) => (stderrTail = `${stderrTail}${text}`.slice(-STDERR_TAIL)));
    started.once('exit', () => {
      if (child === started) child = null;
    });
    return started;
  };

  const parseOne = (file: string): Promise<Extracted> =>
    new Promise((resolve, reject) => {
      const worker = (child ??= start());
      const id = nextId++;
      const fail = (why: string) => reject(new QuireError('document_invalid', why));
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        worker.kill('SIGKILL');
      }, limits.timeoutMs);
      const onMessage = (reply: ParseReply) => {
        if (reply.id !== id) return;
        settle();
        if (reply.ok) resolve(reply.extracted);
        else fail(reply.error);
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        settle();
        if (timedOut) return fail(`took longer than ${limits.timeoutMs / 1000} s to parse (QUIRE_PARSE_TIMEOUT_MS); skipped`);
        if (/heap limit|heap out of memory/i.test(stderrTail)) return fail(`needed more than ${limits.memoryMb} MB of memory to parse (QUIRE_PARSE_MEMORY_MB); skipped`);
        fail(`the parser stopped (${signal ?? `exit code ${code}`}) while reading it; skipped`);
      };
      const settle = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('exit', onExit);
      const request: ParseRequest = { id, file, maxPages: limits.maxPages };
      worker.send(request);
    });

  return {
    parse(file) {
      const result = queue.then(() => parseOne(file));
      queue = result.catch(() => {});
      return result;
    },
    close() {
      child?.kill('SIGKILL');
      child = null;
    },
  };
}
