/**
 * The protocol between the server's background re-index jobs and the `quire ingest`
 * child process they run (src/server/reindex/ingest-child.ts), in one place:
 *
 * - progress: structured log lines on stderr (`"msg": "ingest progress"`, `phase`,
 *   `done`, `total`), in the logger's shape (src/log.ts) so that a person tailing the
 *   log sees an ordinary line; also how `quire ingest` reports progress off a terminal;
 * - the summary: with `--json`, one JSON line on stdout when the build was published;
 * - a failure: `{ "error": { "code", "message" } }` as the last line on stdout instead
 *   (the HTTP API's error shape; every `--json` command reports failures so).
 *
 * Both ends write and read through these functions; what is read is validated with zod.
 * @module
 */
import { z } from 'zod';
import type { IngestProgress, IngestSummary } from './ingest.js';

/** The `msg` that marks a progress line among the other log lines. */
export const PROGRESS_MSG = 'ingest progress';

const progressSchema = z.object({
  msg: z.literal(PROGRESS_MSG),
  phase: z.enum(['load', 'analyse', 'embed', 'write']),
  done: z.number().finite(),
  total: z.number().finite(),
});

const summarySchema = z.object({
  documents: z.object({
    added: z.number().int(),
    changed: z.number().int(),
    removed: z.number().int(),
    unchanged: z.number().int(),
    failed: z.array(z.object({ path: z.string(), error: z.string() })),
  }),
  chunks: z.number().int(),
  embedded: z.number().int(),
  ms: z.number(),
  embedder: z.object({ kind: z.enum(['neural', 'corpus']), modelId: z.string(), dims: z.number().int(), fallbackReason: z.string().optional() }),
  /** The published build's ref: its directory (local store) or cache directory (postgres store). */
  buildDir: z.string(),
});

/** What `quire ingest --json` prints on stdout: the summary a program (the server's reindex job) reads. */
export type IngestJsonSummary = z.infer<typeof summarySchema>;

const failureSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** Why a command failed, in the API's error shape. */
export type CommandFailure = z.infer<typeof failureSchema>['error'];

export function formatProgressLine({ phase, done, total }: IngestProgress): string {
  return `${JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: PROGRESS_MSG, phase, done, total })}\n`;
}

/** The progress a line reports, or null when it is another line (or not JSON at all). */
export function parseProgressLine(line: string): IngestProgress | null {
  if (!line.includes(PROGRESS_MSG)) return null;
  const parsed = progressSchema.safeParse(parseJson(line));
  return parsed.success ? { phase: parsed.data.phase, done: parsed.data.done, total: parsed.data.total } : null;
}

export function formatSummaryLine(summary: IngestSummary): string {
  const { documents, chunks, embedded, ms, embedder, buildDir } = summary;
  return `${JSON.stringify({ documents, chunks, embedded, ms, embedder, buildDir } satisfies IngestJsonSummary)}\n`;
}

export function formatFailureLine(failure: CommandFailure): string {
  return `${JSON.stringify({ error: failure })}\n`;
}

/** What the child's stdout ended with: its summary, its failure, or neither (it crashed or was killed). */
export function parseOutcome(stdout: string): { summary: IngestJsonSummary } | { failure: CommandFailure } | null {
  const last = parseJson(stdout.trim().split('\n').at(-1) ?? '');
  const summary = summarySchema.safeParse(last);
  if (summary.success) return { summary: summary.data };
  const failure = failureSchema.safeParse(last);
  return failure.success ? { failure: failure.data.error } : null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
