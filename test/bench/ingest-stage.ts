/**
 * One ingest benchmark, run in its own process so that its peak RSS is its own:
 * `tsx test/bench/ingest-stage.ts <corpusDir> <indexDir>` prints one JSON line.
 * The embed phase is timed from the ingest's own progress events. After the
 * ingest, the plain-JS limit (plain-limit.ts) embeds the same chunk texts, and
 * its vectors are checked against the stored ones. With QUIRE_DATABASE_URL set
 * the ingest goes to the postgres store (its publish is the write phase's end)
 * and only the ingest is timed.
 */
import path from 'node:path';
import { withConfig } from '../../src/config.js';
import { ingest } from '../../src/ingest/ingest.js';
import { openIndex } from '../../src/index/open.js';
import { silentLogger } from '../../src/log.js';
import { chunksOf } from '../helpers/fixtures.js';
import { plainEmbed, readPlainTableModel } from './plain-limit.js';

const [corpusDir, indexDir] = process.argv.slice(2);
if (!corpusDir || !indexDir) throw new Error('usage: ingest-stage.ts <corpusDir> <indexDir>');
const databaseUrl = process.env.QUIRE_DATABASE_URL;
const config = withConfig({ corpusDir, indexDir, embedder: 'corpus', ...(databaseUrl && { store: 'postgres', databaseUrl }) });

const started = performance.now();
let embedStarted = 0;
let embedMs = 0;
let writeStarted = 0;
let writeMs = 0;
const summary = await ingest({
  config,
  log: silentLogger,
  onProgress: ({ phase, done, total }) => {
    const now = performance.now();
    if (phase === 'embed' && done === 0) embedStarted = now;
    if (phase === 'embed' && done === total) embedMs = now - embedStarted;
    if (phase === 'write' && done === 0) writeStarted = now;
    if (phase === 'write' && done === total) writeMs = now - writeStarted;
  },
});
const ingestPeakRssMb = process.resourceUsage().maxRSS / 1024;
const ingested = { chunks: summary.chunks, ingestMs: summary.ms, ingestChunksPerSec: summary.chunks / (summary.ms / 1000), beforeEmbedMs: embedStarted - started, embedMs, writeMs };
if (databaseUrl) {
  process.stdout.write(`${JSON.stringify({ ...ingested, ingestPeakRssMb: Math.round(ingestPeakRssMb) })}\n`);
  process.exit(0);
}

const index = await openIndex(config);
const model = await readPlainTableModel(path.join(index.buildDir, 'model'));
const texts = chunksOf(index).map((chunk) => chunk.text);
const plainStarted = performance.now();
const plain = texts.map((text) => plainEmbed(model, text));
const plainMs = performance.now() - plainStarted;
let maxDiff = 0;
for (let label = 0; label < Math.min(plain.length, 500); label++) {
  const stored = index.vectors.vector(label);
  plain[label]!.forEach((v, j) => (maxDiff = Math.max(maxDiff, Math.abs(v - stored[j]!))));
}

process.stdout.write(
  `${JSON.stringify({
    ...ingested,
    embedChunksPerSec: summary.embedded / (embedMs / 1000),
    plainChunksPerSec: texts.length / (plainMs / 1000),
    plainMaxDiff: maxDiff,
    ingestPeakRssMb: Math.round(ingestPeakRssMb),
  })}\n`,
);
