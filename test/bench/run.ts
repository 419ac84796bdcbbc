/**
 * `npm run bench` (`-- --scale` adds 100k chunks): prints ingest and serving
 * numbers and their ratios. Not a test: nothing here passes or fails.
 *
 * Each ingest runs in its own process (peak RSS is its own) on a synthetic
 * corpus resampled from the default one, beside two yardsticks on the same
 * texts: the plain-JS embedding limit (tokenizer + table sum, plain-limit.ts)
 * and a LangChain.js baseline (langchain-stage.ts). The server runs as
 * `quire serve` in its own process, driven over HTTP by autocannon from this one.
 * The postgres store is measured beside the local one on the same corpus (a fresh
 * database each: postgres-stage.ts), or skipped with the reason when there is none.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot, sharedDir, tempDir, defaultCorpusDir } from '../helpers/fixtures.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { densePlan, postgresUnavailable } from './postgres-stage.js';
import { benchServe, type ServeResult } from './serve-stage.js';
import { writeSyntheticCorpus } from './synthetic-corpus.js';

/** New words per chunk at the default 180-word chunks with 30 words of overlap. */
const WORDS_PER_CHUNK = 150;
const SCALES = process.env.BENCH_SCALES?.split(',').map(Number) ?? (process.argv.includes('--scale') ? [1_000, 10_000, 100_000] : [1_000, 10_000]);
const ASK_SECONDS = Number(process.env.BENCH_ASK_SECONDS ?? 10);

function stage(script: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Record<string, number> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/bench', script), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    env: { ...process.env, ...env },
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number>;
}

const f0 = (n: number | undefined) => (n ?? NaN).toFixed(0);
const f2 = (n: number | undefined) => (n ?? NaN).toFixed(2);

const questions = (await readFile(path.join(sharedDir, 'eval/dev-qa.jsonl'), 'utf8'))
  .split('\n')
  .filter(Boolean)
  .map((line) => (JSON.parse(line) as { q: string }).q);

const askLine = ({ ask: [one, many] }: ServeResult) =>
  `c=1 p50 ${f0(one!.p50)} ms p95 ${f0(one!.p95)} ms ${one!.reqPerSec.toFixed(1)} req/s | c=16 p50 ${f0(many!.p50)} ms p95 ${f0(many!.p95)} ms ${many!.reqPerSec.toFixed(1)} req/s | errors ${one!.errors + many!.errors}`;
const rssLine = (served: ServeResult) =>
  `cold start ${(served.coldStartMs / 1000).toFixed(1)} s, RSS ${served.rssAfterLoadMb} MB loaded, ${served.rssAfterAskMb} MB after /ask (high-water ${served.rssPeakMb} MB)`;

const noPostgres = await postgresUnavailable();
let firstP95: number | undefined;
console.log(`# commit ${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim()}; corpus embedding model; synthetic corpora resampled from the default one`);
console.log(`# ingest: fresh index, one process each. serving: quire serve in its own process, autocannon over loopback, ${ASK_SECONDS} s per level, dev-qa questions in turn`);
console.log(noPostgres ? `# postgres store: skipped, ${noPostgres}` : '# postgres store: a fresh database per size on QUIRE_TEST_DATABASE_URL, same corpus and questions');
for (const scale of SCALES) {
  const corpusDir = await tempDir(`bench-corpus-${scale}`);
  const { documents } = await writeSyntheticCorpus(defaultCorpusDir, corpusDir, scale * WORDS_PER_CHUNK);
  const indexDir = await tempDir(`bench-index-${scale}`);
  const q = stage('ingest-stage.ts', [corpusDir, indexDir]);
  const modelDir = path.join(indexDir, 'current', 'model');
  const lc = stage('langchain-stage.ts', [corpusDir, modelDir]);
  console.log(
    `\n${q.chunks} chunks (${documents} docs)\n` +
      `  ingest      ${f0(q.ingestChunksPerSec)} chunks/s end to end (${(q.ingestMs! / 1000).toFixed(1)} s, fit included; phases: fit+load ${f0(q.beforeEmbedMs)} ms, embed ${f0(q.embedMs)} ms, write ${f0(q.writeMs)} ms), peak RSS ${q.ingestPeakRssMb} MB\n` +
      `  embed phase ${f0(q.embedChunksPerSec)} chunks/s | plain-JS limit ${f0(q.plainChunksPerSec)} chunks/s (max |Δ| ${q.plainMaxDiff!.toExponential(1)}) | embed/limit ${f2(q.embedChunksPerSec! / q.plainChunksPerSec!)}\n` +
      `  LangChain.js (splitter + library pipeline + HNSWLib, no fit) ${f0(lc.chunksPerSec)} chunks/s over ${lc.chunks} chunks, peak RSS ${lc.peakRssMb} MB | Quire/LangChain ${f2(q.ingestChunksPerSec! / lc.chunksPerSec!)}`,
  );
  const served = await benchServe({ indexDir, corpusDir, questions, seconds: ASK_SECONDS });
  const [one, many] = served.ask;
  firstP95 ??= one!.p95;
  console.log(
    `  serve       ${rssLine(served)}\n` +
      `  /ask        ${askLine(served)}\n` +
      `  ratios      req/s c=16/c=1 ${f2(many!.reqPerSec / one!.reqPerSec)} | p95 c=1 vs ${SCALES[0]} chunks ${f2(one!.p95 / firstP95)}`,
  );
  if (noPostgres) continue;
  const db = await createTestDatabase();
  try {
    const p = stage('ingest-stage.ts', [corpusDir, await tempDir(`bench-pg-index-${scale}`)], { QUIRE_DATABASE_URL: db.url });
    const pgServed = await benchServe({ indexDir: await tempDir(`bench-pg-serve-${scale}`), corpusDir, questions, seconds: ASK_SECONDS, databaseUrl: db.url });
    const plan = await densePlan(db.url, 30);
    console.log(
      `  postgres ingest ${f0(p.ingestChunksPerSec)} chunks/s end to end (${(p.ingestMs! / 1000).toFixed(1)} s; write + publish ${f0(p.writeMs)} ms), peak RSS ${p.ingestPeakRssMb} MB | local/postgres ingest time ${f2(q.ingestMs! / p.ingestMs!)}\n` +
        `  postgres serve ${rssLine(pgServed)}\n` +
        `  postgres /ask  ${askLine(pgServed)}\n` +
        `  postgres dense search plan: ${plan}\n` +
        `  postgres/local p95 c=1 ${f2(pgServed.ask[0]!.p95 / one!.p95)} | c=16 ${f2(pgServed.ask[1]!.p95 / many!.p95)}`,
    );
  } finally {
    await db.drop();
  }
}
