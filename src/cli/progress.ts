/**
 * Ingest progress on stderr, so that `--json` output stays clean: a progress
 * bar on a terminal; elsewhere (CI logs, the server's background reindex job
 * reading a pipe) structured JSON lines, which a program can parse.
 * @module
 */
import cliProgress from 'cli-progress';
import type { IngestProgress } from '../ingest/ingest.js';
import { formatProgressLine } from '../ingest/protocol.js';

export interface IngestProgressReporter {
  update(p: IngestProgress): void;
  stop(): void;
}

/** Fewest milliseconds between two progress lines within a phase (phase changes and completion always print). */
const LINE_INTERVAL_MS = 250;

export function createIngestProgress(stream: NodeJS.WriteStream = process.stderr): IngestProgressReporter {
  return stream.isTTY ? createIngestProgressBar(stream) : createIngestProgressLines(stream);
}

export function createIngestProgressLines(stream: NodeJS.WritableStream, now: () => number = performance.now.bind(performance)): IngestProgressReporter {
  let phase: string | null = null;
  let last = -Infinity;
  return {
    update(p) {
      const t = now();
      if (p.phase === phase && p.done < p.total && t - last < LINE_INTERVAL_MS) return;
      phase = p.phase;
      last = t;
      stream.write(formatProgressLine(p));
    },
    stop() {},
  };
}

export function createIngestProgressBar(stream: NodeJS.WriteStream = process.stderr): IngestProgressReporter {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: ' {phase} [{bar}] {value}/{total} {unit} | {rate}/s',
      hideCursor: true,
      noTTYOutput: false,
      notTTYSchedule: 2000,
    },
    cliProgress.Presets.shades_classic,
  );
  let phase: string | null = null;
  let started = performance.now();
  return {
    update({ phase: next, done, total }) {
      const unit = next === 'embed' || next === 'analyse' ? 'chunks' : next === 'load' ? 'documents' : 'files';
      if (next !== phase) {
        if (phase !== null) bar.stop();
        phase = next;
        started = performance.now();
        bar.start(total, done, { phase: next.padEnd(5), unit, rate: '0' });
      }
      const seconds = (performance.now() - started) / 1000;
      bar.update(done, { rate: seconds > 0 ? (done / seconds).toFixed(1) : '0' });
    },
    stop() {
      if (phase !== null) bar.stop();
    },
  };
}
