/**
 * Background re-index jobs: one runs at a time; a request that arrives while
 * one runs can queue one follow-up (later requests join it), because documents
 * added during a build were possibly read too late to be in it. When a job
 * succeeds the server switches to the new build before the job says so, so a
 * client that sees `succeeded` is answered from the new index.
 * @module
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { IngestJsonSummary } from '../../ingest/protocol.js';
import { QuireError } from '../../errors.js';
import type { IngestProgress } from '../../ingest/ingest.js';
import type { Logger } from '../../log.js';
import type { IndexHolder } from '../index-holder.js';
import { IngestFailedError, type IngestFailure, type IngestRun, type IngestRunner } from './ingest-child.js';

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed';
/** What asked for the job. */
export type JobTrigger = 'admin' | 'upload' | 'watch';

export interface ReindexJob {
  id: string;
  state: JobState;
  trigger: JobTrigger;
  /** ISO time the job was asked for. */
  createdAt: string;
  /** ISO time it started running; absent while queued. */
  startedAt?: string;
  finishedAt?: string;
  progress?: IngestProgress;
  summary?: IngestJsonSummary;
  error?: IngestFailure;
}

export interface ReindexJobs {
  /** Starts a job now; a `conflict` QuireError while one is running. */
  start(trigger: JobTrigger): ReindexJob;
  /** Starts a job, or queues one to run right after the running one (joining the one already queued). */
  request(trigger: JobTrigger): ReindexJob;
  /** A snapshot of a job, or undefined for unknown (or long forgotten) ids. */
  get(id: string): ReindexJob | undefined;
  /** Resolves when nothing runs or waits. */
  idle(): Promise<void>;
  /** Stops the running ingest and drops the queued job; for shutdown. */
  close(): Promise<void>;
}

export interface ReindexJobsOptions {
  run: IngestRunner;
  holder: IndexHolder;
  log: Logger;
  /** Finished jobs remembered for GET /admin/reindex/:job. @default 100 */
  keep?: number;
}

export function createReindexJobs({ run, holder, log, keep = 100 }: ReindexJobsOptions): ReindexJobs {
  const jobs = new Map<string, ReindexJob>();
  let running: { job: ReindexJob; ingest: IngestRun; finished: Promise<void> } | null = null;
  let queued: ReindexJob | null = null;
  let closed = false;

  const snapshot = (job: ReindexJob): ReindexJob => structuredClone(job);

  function remember(job: ReindexJob): void {
    jobs.set(job.id, job);
    // Maps iterate in insertion order: the first finished job is the oldest.
    for (const [id, old] of jobs) {
      if (jobs.size <= keep) break;
      if (old.state === 'succeeded' || old.state === 'failed') jobs.delete(id);
    }
  }

  function create(trigger: JobTrigger): ReindexJob {
    const job: ReindexJob = { id: randomBytes(8).toString('hex'), state: 'queued', trigger, createdAt: new Date().toISOString() };
    remember(job);
    return job;
  }

  function launch(job: ReindexJob): void {
    job.state = 'running';
    job.startedAt = new Date().toISOString();
    log.info('reindex started', { job: job.id, trigger: job.trigger });
    const ingest = run((progress) => (job.progress = progress));
    const finished = ingest.done.then(
      async (summary) => {
        await switchTo(summary.buildDir);
        job.summary = summary;
        job.state = 'succeeded';
        log.info('reindex succeeded', { job: job.id, chunks: summary.chunks, embedded: summary.embedded, ms: summary.ms });
      },
      (error: unknown) => {
        job.error = error instanceof IngestFailedError ? error.failure : { code: 'internal', message: (error as Error).message };
        job.state = 'failed';
        log.error('reindex failed', { job: job.id, ...job.error });
      },
    );
    running = {
      job,
      ingest,
      finished: finished.finally(() => {
        job.finishedAt = new Date().toISOString();
        running = null;
        const next = queued;
        queued = null;
        if (next && !closed) launch(next);
      }),
    };
  }

  /**
   * Loads the new build now rather than at the holder's next poll. A poll that
   * began before the build was published may be the refresh in progress, and
   * it would not see it: so look twice.
   */
  async function switchTo(buildDir: string): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (path.basename(holder.current()?.buildDir ?? '') === path.basename(buildDir)) return;
      await holder.refresh();
    }
    if (holder.problem()) log.warn('the new build could not be loaded; still answering from the previous one', { buildDir, error: holder.problem()?.message });
  }

  return {
    start(trigger) {
      if (running) throw new QuireError('conflict', `Re-index job ${running.job.id} is still running.`);
      const job = create(trigger);
      launch(job);
      return snapshot(job);
    },
    request(trigger) {
      if (!running) return this.start(trigger);
      queued ??= create(trigger);
      return snapshot(queued);
    },
    get(id) {
      const job = jobs.get(id);
      return job && snapshot(job);
    },
    async idle() {
      while (running) await running.finished;
    },
    async close() {
      closed = true;
      queued = null;
      running?.ingest.kill();
      await running?.finished;
    },
  };
}
