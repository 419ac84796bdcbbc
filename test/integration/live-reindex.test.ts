/**
 * A running server while its index is rebuilt underneath it: by `quire ingest`
 * run as a separate process, by ingests killed at random points, by the admin
 * route and the CLI while clients keep asking, and by `serve --watch`.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withConfig, type Config } from '../../src/config.js';
import { currentBuildDir } from '../../src/index/layout.js';
import { openIndex } from '../../src/index/open.js';
import { parseProgressLine } from '../../src/ingest/protocol.js';
import { silentLogger } from '../../src/log.js';
import type { ReindexJob } from '../../src/server/reindex/jobs.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { buildDefaultIndex } from '../helpers/fixtures.js';
import { postJson } from '../helpers/http.js';
import { createPrng } from '../helpers/prng.js';
import { runQuire, sleep, spawnQuire, waitFor } from '../helpers/quire-cli.js';

const TOKEN = 'live-test-token-3c8a55';
const AUTH = { authorization: `Bearer ${TOKEN}` };
// Questions the default corpus answers: what these tests pin is that none fails, or goes unanswered, while builds are published.
const QUESTIONS = [
  'Which Pakistani leader visited Russia in 1965?',
  'Where did Imran Khan meet President Putin?',
  'How much gas will the Karachi-Lahore pipeline carry each year?',
  'What is CASA-1000?',
  'Why was Putin’s 2012 visit to Pakistan cancelled?',
];

let config: Config;
let server: RunningServer;

beforeAll(async () => {
  ({ config } = await buildDefaultIndex({ adminToken: TOKEN }));
  server = await startServer(config, silentLogger);
});

afterAll(async () => {
  await server?.close();
});

const ask = (question: string) => postJson(`${server.url}/ask`, { question });
const buildName = () => path.basename(server.holder.current()?.buildDir ?? '');
const citesDoc = (json: { citations?: { docId: string }[] }, docId: string) => json.citations?.some((c) => c.docId === docId) ?? false;

describe('a running server and a separate `quire ingest`', () => {
  it('answers from the newly published build without a restart', async () => {
    await writeFile(path.join(config.corpusDir, 'harbour.txt'), 'The Saltmarsh harbour master, Ignatius Fairweather, rang the fog bell every night of the winter of 1911.\n');
    const before = buildName();
    expect(citesDoc((await ask('Who rang the Saltmarsh fog bell?')).json, 'harbour')).toBe(false);

    const result = await runQuire(['ingest', '--json'], config);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
    expect(summary.documents).toMatchObject({ added: 1, unchanged: 5 });
    // Not a TTY: progress came as structured lines the server's jobs can read.
    expect(result.stderr.split('\n').map(parseProgressLine).filter(Boolean).at(-1)).toEqual({ phase: 'write', done: 1, total: 1 });

    // The server polls for new builds every second.
    const answer = await waitFor('the new document to be answerable', async () => {
      const { status, json } = await ask('Who rang the Saltmarsh fog bell?');
      expect(status).toBe(200);
      return citesDoc(json, 'harbour') ? json : undefined;
    }, { timeoutMs: 15_000 });
    expect(answer.answer).toContain('Fairweather');
    expect(buildName()).toBe(path.basename(summary.buildDir));
    expect(buildName()).not.toBe(before);
  });
});

describe('ingests killed at random points', () => {
  const SEED = 20_260_817;
  const KILLS = 10;

  // Twelve --refit ingests one after another take minutes on a busy machine; what this checks is not speed.
  it(`leave the published index serving and loadable, ${KILLS} times; then a full ingest recovers`, async () => {
    const prng = createPrng(SEED);
    const lockPath = path.join(config.indexDir, '.ingest.lock');
    // The lock holds the pid of the ingest that has it: a stale one from the last kill does not count.
    const holdsLock = async (pid: number | undefined) => (await readFile(lockPath, 'utf8').catch(() => '')) === String(pid);
    const untilLocked = (run: ReturnType<typeof spawnQuire>) =>
      Promise.race([waitFor('the ingest to take its lock', () => holdsLock(run.child.pid), { timeoutMs: 60_000, intervalMs: 5 }), run.exited.then(() => false)]);

    // How long a complete --refit ingest holds its lock here, so the kill points spread over all of
    // its critical section however fast or busy this machine is.
    const calibration = spawnQuire(['ingest', '--refit', '--json'], config);
    await untilLocked(calibration);
    const lockedAt = Date.now();
    expect((await calibration.exited).code).toBe(0);
    const criticalMs = Date.now() - lockedAt;

    const landed: string[] = [];
    for (let i = 0; i < KILLS; i++) {
      const published = await currentBuildDir(config.indexDir);
      const run = spawnQuire(['ingest', '--refit'], config);
      await untilLocked(run);
      await sleep(prng.int(0, Math.round(criticalMs * 0.9)));
      const locked = await holdsLock(run.child.pid);
      run.child.kill('SIGKILL');
      const { signal, stderr } = await run.exited;
      const phase = stderr.split('\n').map(parseProgressLine).filter(Boolean).at(-1);
      landed.push(signal !== 'SIGKILL' ? 'after exit' : locked ? `during ${phase ? `${phase.phase} ${phase.done}/${phase.total}` : 'load'}` : 'start-up');

      // The old build — or, if the kill came after the publish, the complete new one — is current and loads.
      const now = await currentBuildDir(config.indexDir);
      expect(now).not.toBeNull();
      if (now !== published) landed[landed.length - 1] += ' (published)';
      const index = await openIndex(config);
      expect(index.size).toBeGreaterThan(20);
      const { status, json } = await ask(prng.pick(QUESTIONS));
      expect(status).toBe(200);
      expect(json.grounded).toBe(true);
    }
    console.info(`kill points: ${landed.join(' | ')}`);
    // Most kills must land inside the ingest's critical section, or the test proves little.
    expect(landed.filter((l) => l.startsWith('during')).length).toBeGreaterThanOrEqual(KILLS / 2);

    const final = await runQuire(['ingest', '--json'], config);
    expect(final.stderr).not.toMatch(/Another ingest/);
    expect(final.code).toBe(0);
    const current = await currentBuildDir(config.indexDir);
    expect(path.basename(current!)).toBe(path.basename(JSON.parse(final.stdout.trim()).buildDir));
    // Half-written builds and temporary links of the killed runs are gone; the lock is released.
    const builds = await readdir(path.join(config.indexDir, 'builds'));
    expect(builds.length).toBeLessThanOrEqual(2);
    expect(builds).toContain(path.basename(current!));
    expect((await readdir(config.indexDir)).filter((name) => name.startsWith('.current-') || name === '.ingest.lock')).toEqual([]);
    await waitFor('the server to load the final build', () => buildName() === path.basename(current!), { timeoutMs: 10_000 });
  }, 360_000);
});

describe('re-indexing under load', () => {
  const CLIENTS = 8;
  const MAX_MS = 20_000;
  const MAX_REQUESTS = 400;
  /** Per client: at most one request per this long, so the bounds hold however fast the server is. */
  const PACE_MS = (MAX_MS * CLIENTS) / MAX_REQUESTS;

  it('fails no request while the admin route and the CLI each publish a new build', async () => {
    const builds = new Set([buildName()]);
    const sampler = setInterval(() => builds.add(buildName()), 25);
    const results: { status: number; ms: number }[] = [];
    const problems: string[] = [];
    const deadline = Date.now() + MAX_MS;
    let stop = false;

    const clients = Array.from({ length: CLIENTS }, async (_, c) => {
      for (let n = 0; !stop && Date.now() < deadline && results.length < MAX_REQUESTS; n++) {
        const t = Date.now();
        const { status, json } = await ask(QUESTIONS[(c + n) % QUESTIONS.length]!);
        results.push({ status, ms: Date.now() - t });
        if (status !== 200 || !json.grounded) problems.push(`${status} ${JSON.stringify(json).slice(0, 200)}`);
        await sleep(Math.max(0, PACE_MS - (Date.now() - t)));
      }
    });

    const reindexes = (async () => {
      await sleep(500);
      const start = await postJson(`${server.url}/admin/reindex`, {}, AUTH);
      expect(start.status).toBe(202);
      const job = await waitFor('the admin re-index', async () => {
        const { job } = (await (await fetch(`${server.url}/admin/reindex/${start.json.job.id}`, { headers: AUTH })).json()) as { job: ReindexJob };
        return job.state === 'succeeded' || job.state === 'failed' ? job : undefined;
      });
      expect(job.state).toBe('succeeded');
      const cli = await runQuire(['ingest', '--json'], config);
      expect(cli.code).toBe(0);
      const cliBuild = path.basename(JSON.parse(cli.stdout.trim()).buildDir);
      await waitFor('the server to switch to the CLI build', () => buildName() === cliBuild, { timeoutMs: 10_000 });
      // Keep asking a little while on the newest build.
      await sleep(1_000);
      stop = true;
      return [path.basename(job.summary!.buildDir), cliBuild];
    })();

    const [published] = await Promise.all([reindexes, ...clients]);
    clearInterval(sampler);
    builds.add(buildName());

    expect(problems).toEqual([]);
    expect(results.length).toBeGreaterThan(CLIENTS * 5);
    expect(results.length).toBeLessThanOrEqual(MAX_REQUESTS + CLIENTS);
    for (const build of published) expect(builds).toContain(build);
    const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
    console.info(`load: ${results.length} requests, all 200; p50 ${sorted[Math.floor(sorted.length / 2)]} ms, max ${sorted.at(-1)} ms; builds served: ${builds.size}`);
  });
});

describe('quire serve --watch', () => {
  let watched: RunningServer;
  let watchedConfig: Config;

  beforeAll(async () => {
    const built = await buildDefaultIndex();
    watchedConfig = withConfig({ ...built.config, watch: true });
    watched = await startServer(watchedConfig, silentLogger, { watchDebounceMs: 300 });
  });

  afterAll(async () => {
    await watched?.close();
  });

  it('re-indexes when a document is added, and the new content becomes answerable', async () => {
    const before = path.basename(watched.holder.current()!.buildDir);
    await writeFile(path.join(watchedConfig.corpusDir, 'glassworks.md'), '# Glassworks\n\nThe Brackenridge glassworks fired its furnace with beech charcoal until the great flood of 1887.\n');
    const answer = await waitFor('the watched document to be answerable', async () => {
      const { status, json } = await postJson(`${watched.url}/ask`, { question: 'What fuel fired the Brackenridge glassworks furnace?' });
      expect(status).toBe(200);
      return citesDoc(json, 'glassworks') ? json : undefined;
    }, { timeoutMs: 60_000, intervalMs: 500 });
    expect(answer.answer).toContain('beech charcoal');
    expect(path.basename(watched.holder.current()!.buildDir)).not.toBe(before);
  });

  it('ignores hidden files (editor swap files)', async () => {
    await watched.jobs.idle();
    const before = path.basename(watched.holder.current()!.buildDir);
    await writeFile(path.join(watchedConfig.corpusDir, '.glassworks.md.swp'), 'swap');
    await sleep(1_500);
    await watched.jobs.idle();
    expect(path.basename(watched.holder.current()!.buildDir)).toBe(before);
  });
});
