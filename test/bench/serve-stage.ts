/**
 * Serving benchmark: `quire serve` in its own process, driven over loopback by
 * autocannon from this one. Cold start is spawn → first answered /health (the
 * server loads its index before it listens); RSS is read from /proc after the
 * load and after the /ask runs.
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';
import { percentile } from '../../src/eval/metrics.js';
import { repoRoot } from '../helpers/fixtures.js';

export interface ServeResult {
  coldStartMs: number;
  rssAfterLoadMb: number;
  rssAfterAskMb: number;
  rssPeakMb: number;
  ask: { connections: number; p50: number; p95: number; reqPerSec: number; errors: number }[];
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** VmRSS and VmHWM of a process, in MB. */
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`quire serve exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** autocannon reports p90 and p97.5 only: p95 comes from its per-response times. */
async function measureAsk(url: string, connections: number, seconds: number, requests: autocannon.Request[]) {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon({ url, connections, duration: seconds, requests }, (error, r) => (error ? reject(error) : resolve(r)));
    run.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  return { p50: percentile(times, 50), p95: percentile(times, 95), reqPerSec: times.length / seconds, errors: result.errors + result.non2xx };
}

/** `databaseUrl`: serve from the postgres store there (passed in the environment, as a secret should be). */
export async function benchServe(o: { indexDir: string; corpusDir: string; questions: readonly string[]; seconds: number; databaseUrl?: string }): Promise<ServeResult> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [path.join(repoRoot, 'src/bin.js'), 'serve', '--index', o.indexDir, '--corpus', o.corpusDir, '--embedder', 'corpus', '--port', String(port), '--rate-limit', '0', '--log-level', 'error'],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...(o.databaseUrl && { QUIRE_STORE: 'postgres', QUIRE_DATABASE_URL: o.databaseUrl }) } },
  );
  try {
    await waitForHealth(url, child);
    const coldStartMs = performance.now() - started;
    const afterLoad = memory(child.pid!);
    const requests = o.questions.map((question) => ({ method: 'POST' as const, path: '/ask', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) }));
    // Warm-up: every question once, so the runs below measure steady state.
    await autocannon({ url, connections: 1, amount: requests.length, requests });
    const ask: ServeResult['ask'] = [];
    for (const connections of [1, 16]) {
      ask.push({ connections, ...(await measureAsk(url, connections, o.seconds, requests)) });
    }
    const afterAsk = memory(child.pid!);
    return { coldStartMs, rssAfterLoadMb: afterLoad.rss, rssAfterAskMb: afterAsk.rss, rssPeakMb: afterAsk.peak, ask };
  } finally {
    child.kill('SIGTERM');
  }
}
