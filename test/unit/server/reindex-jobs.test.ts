import { describe, expect, it } from 'vitest';
import type { IngestJsonSummary } from '../../../src/ingest/protocol.js';
import type { LoadedIndex } from '../../../src/index/open.js';
import { silentLogger } from '../../../src/log.js';
import type { IndexHolder } from '../../../src/server/index-holder.js';
import { IngestFailedError, type IngestRunner } from '../../../src/server/reindex/ingest-child.js';
import { createReindexJobs } from '../../../src/server/reindex/jobs.js';

/** A runner whose ingests finish when the test says so. */
function fakeRunner() {
  const runs: { progress: (p: { phase: 'embed'; done: number; total: number }) => void; succeed: (buildDir: string) => void; fail: (message: string) => void; killed: boolean }[] = [];
  const run: IngestRunner = (onProgress) => {
    let resolve!: (s: IngestJsonSummary) => void;
    let reject!: (e: Error) => void;
    const done = new Promise<IngestJsonSummary>((res, rej) => ((resolve = res), (reject = rej)));
    const entry = {
      progress: onProgress,
      succeed: (buildDir: string) => resolve({ buildDir, chunks: 3, embedded: 1, ms: 5 } as IngestJsonSummary),
      fail: (message: string) => reject(new IngestFailedError({ code: 'corpus_empty', message })),
      killed: false,
    };
    runs.push(entry);
    return { done, kill: () => ((entry.killed = true), entry.fail('killed')) };
  };
  return { run, runs };
}

/** A holder that "loads" whatever build was last published. */
function fakeHolder() {
  const state = { published: '/index/builds/a', loaded: '/index/builds/a', refreshes: 0 };
  const holder: IndexHolder = {
    current: () => ({ buildDir: state.loaded }) as LoadedIndex,
    problem: () => null,
    refresh: async () => {
      state.refreshes++;
      const switched = state.loaded !== state.published;
      state.loaded = state.published;
      return switched;
    },
    watch: () => () => {},
  };
  return { holder, state };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('reindex jobs', () => {
  it('runs one job at a time, refuses a second with conflict, and switches the index before reporting success', async () => {
    const { run, runs } = fakeRunner();
    const { holder, state } = fakeHolder();
    const jobs = createReindexJobs({ run, holder, log: silentLogger });
    const job = jobs.start('admin');
    expect(job).toMatchObject({ state: 'running', trigger: 'admin', startedAt: expect.any(String) });
    expect(() => jobs.start('admin')).toThrow(expect.objectContaining({ code: 'conflict' }));

    runs[0]!.progress({ phase: 'embed', done: 2, total: 4 });
    expect(jobs.get(job.id)?.progress).toEqual({ phase: 'embed', done: 2, total: 4 });

    state.published = '/index/builds/b';
    runs[0]!.succeed('/index/builds/b');
    await jobs.idle();
    expect(jobs.get(job.id)).toMatchObject({ state: 'succeeded', finishedAt: expect.any(String), summary: { chunks: 3 } });
    expect(state.loaded).toBe('/index/builds/b');
    expect(jobs.start('admin').state).toBe('running');
  });

  it('queues one follow-up behind a running job, which later requests join', async () => {
    const { run, runs } = fakeRunner();
    const jobs = createReindexJobs({ run, holder: fakeHolder().holder, log: silentLogger });
    const first = jobs.request('upload');
    const second = jobs.request('upload');
    const third = jobs.request('watch');
    expect(first.state).toBe('running');
    expect(second.state).toBe('queued');
    expect(third.id).toBe(second.id);
    expect(runs).toHaveLength(1);

    runs[0]!.succeed('/index/builds/a');
    await tick();
    await tick();
    expect(runs).toHaveLength(2);
    expect(jobs.get(second.id)?.state).toBe('running');
    runs[1]!.fail('No readable documents');
    await jobs.idle();
    expect(jobs.get(second.id)).toMatchObject({ state: 'failed', error: { code: 'corpus_empty', message: 'No readable documents' } });
  });

  it('hands out snapshots, not its own records', () => {
    const jobs = createReindexJobs({ run: fakeRunner().run, holder: fakeHolder().holder, log: silentLogger });
    const job = jobs.start('admin');
    job.state = 'failed';
    expect(jobs.get(job.id)?.state).toBe('running');
  });

  it('kills the running ingest and drops the queued job on close', async () => {
    const { run, runs } = fakeRunner();
    const jobs = createReindexJobs({ run, holder: fakeHolder().holder, log: silentLogger });
    jobs.request('admin');
    jobs.request('watch');
    await jobs.close();
    expect(runs).toHaveLength(1);
    expect(runs[0]!.killed).toBe(true);
  });

  it('forgets the oldest finished jobs beyond `keep`', async () => {
    const { run, runs } = fakeRunner();
    const jobs = createReindexJobs({ run, holder: fakeHolder().holder, log: silentLogger, keep: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push(jobs.start('admin').id);
      runs[i]!.succeed('/index/builds/a');
      await jobs.idle();
    }
    expect(ids.map((id) => jobs.get(id) !== undefined)).toEqual([false, false, true, true]);
  });
});
