/**
 * `npm run bench`: prints ingest and serving numbers (not a test; nothing here
 * passes or fails). Ingest: the default corpus and a synthetic one of ≥ 5,000
 * chunks, each with time, chunks/s, peak RSS and the raw embedding throughput of
 * the same model on the same texts. Serving: POST /ask and GET /health latency
 * p50/p95 at 1 and 16 concurrent clients over real HTTP.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { withConfig } from '../../src/config.js';
import { percentile } from '../../src/eval/metrics.js';
import { silentLogger } from '../../src/log.js';
import { startServer } from '../../src/server/serve.js';
import { defaultCorpusDir, repoRoot, sharedDir, tempDir } from '../helpers/fixtures.js';
import { writeSyntheticCorpus } from './synthetic-corpus.js';

/** Words of synthetic text: at 180-word chunks with 30 words overlap this is well over 5,000 chunks. */
const SYNTHETIC_WORDS = 900_000;
const REQUESTS_PER_LEVEL = 64;

function ingestStage(corpusDir: string, indexDir: string) {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/bench/ingest-stage.ts'), corpusDir, indexDir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number>;
}

function printIngest(label: string, r: Record<string, number>) {
  const ratio = r.ingestChunksPerSec! / r.rawChunksPerSec!;
  console.log(
    `${label.padEnd(22)} ${String(r.chunks).padStart(6)} chunks  ingest ${(r.ingestMs! / 1000).toFixed(1).padStart(6)} s  ` +
      `${r.ingestChunksPerSec!.toFixed(0).padStart(6)} chunks/s  peak RSS ${String(r.ingestPeakRssMb).padStart(5)} MB  ` +
      `raw pipeline ${r.rawChunksPerSec!.toFixed(0).padStart(6)} chunks/s  ingest/raw ${ratio.toFixed(2)}`,
  );
}

async function latency(label: string, concurrency: number, request: (i: number) => Promise<Response>) {
  const times: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < REQUESTS_PER_LEVEL) {
        const i = next++;
        const t = performance.now();
        const response = await request(i);
        await response.arrayBuffer();
        if (!response.ok) failures += 1;
        times.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${label.padEnd(22)} c=${String(concurrency).padStart(2)}  p50 ${percentile(times, 50).toFixed(1).padStart(7)} ms  p95 ${percentile(times, 95).toFixed(1).padStart(7)} ms  ` +
      `${(times.length / seconds).toFixed(1).padStart(7)} req/s  failures ${failures}`,
  );
}

console.log('# ingest (corpus embedding model, fresh index each)');
const defaultIndex = await tempDir('bench-index');
printIngest('default corpus', ingestStage(defaultCorpusDir, defaultIndex));
const syntheticDir = await tempDir('bench-synthetic');
const synthetic = await writeSyntheticCorpus(defaultCorpusDir, syntheticDir, SYNTHETIC_WORDS);
printIngest(`synthetic (${synthetic.documents} docs)`, ingestStage(syntheticDir, await tempDir('bench-index')));

console.log('\n# serving (default corpus, real HTTP on loopback)');
const questions = (await readFile(path.join(sharedDir, 'eval/dev-qa.jsonl'), 'utf8'))
  .split('\n')
  .filter(Boolean)
  .map((line) => (JSON.parse(line) as { q: string }).q);
const server = await startServer(withConfig({ corpusDir: defaultCorpusDir, indexDir: defaultIndex, embedder: 'corpus', port: 0, rateLimitPerMinute: 0 }), silentLogger);
for (const concurrency of [1, 16]) {
  await latency('GET /health', concurrency, () => fetch(`${server.url}/health`));
  await latency('POST /ask', concurrency, (i) =>
    fetch(`${server.url}/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: questions[i % questions.length] }) }),
  );
}
await server.close();
