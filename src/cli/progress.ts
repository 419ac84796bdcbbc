/**
 * The ingest progress bar, on stderr so that `--json` output stays clean.
 * Silent when stderr is not a terminal (CI logs get the summary only).
 * @module
 */
import cliProgress from 'cli-progress';
import type { IngestProgress } from '../index/ingest.js';

export function createIngestProgressBar(stream: NodeJS.WriteStream = process.stderr): { update(p: IngestProgress): void; stop(): void } {
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
      const unit = next === 'embed' ? 'chunks' : next === 'load' ? 'documents' : 'files';
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
