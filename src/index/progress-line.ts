/**
 * Ingest progress as one structured log line: how `quire ingest` reports
 * progress when stderr is not a terminal, and how the server's background
 * reindex job, which runs that command as a child process, reads it back.
 * The line has the logger's shape (src/log.ts), so a person tailing the log
 * sees an ordinary log line.
 * @module
 */
import type { IngestProgress } from './ingest.js';

/** The `msg` that marks a progress line among the other log lines. */
export const PROGRESS_MSG = 'ingest progress';

const PHASES = new Set<IngestProgress['phase']>(['load', 'analyse', 'embed', 'write']);

export function formatProgressLine({ phase, done, total }: IngestProgress): string {
  return `${JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: PROGRESS_MSG, phase, done, total })}\n`;
}

/** The progress a line reports, or null when it is another line (or not JSON at all). */
export function parseProgressLine(line: string): IngestProgress | null {
  if (!line.includes(PROGRESS_MSG)) return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  const v = value as Partial<Record<'msg' | 'phase' | 'done' | 'total', unknown>>;
  if (v.msg !== PROGRESS_MSG || !PHASES.has(v.phase as IngestProgress['phase'])) return null;
  if (!Number.isFinite(v.done) || !Number.isFinite(v.total)) return null;
  return { phase: v.phase as IngestProgress['phase'], done: v.done as number, total: v.total as number };
}
