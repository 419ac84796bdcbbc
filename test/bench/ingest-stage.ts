/**
 * One ingest benchmark, run in its own process so that its peak RSS is its own:
 * `tsx test/bench/ingest-stage.ts <corpusDir> <indexDir>` prints one JSON line.
 * After the ingest it times the raw transformers.js pipeline of the same model
 * on the same chunk texts, the floor the ingest's embedding rate is compared to.
 */
import path from 'node:path';
import { withConfig } from '../../src/config.js';
import { openCorpusEmbedder } from '../../src/embedding/embedder.js';
import { ingest } from '../../src/index/ingest.js';
import { openIndex } from '../../src/index/open.js';
import { silentLogger } from '../../src/log.js';

const [corpusDir, indexDir] = process.argv.slice(2);
if (!corpusDir || !indexDir) throw new Error('usage: ingest-stage.ts <corpusDir> <indexDir>');
const config = withConfig({ corpusDir, indexDir, embedder: 'corpus' });

const summary = await ingest({ config, log: silentLogger });
const ingestPeakRssMb = process.resourceUsage().maxRSS / 1024;

const index = await openIndex(config);
const embedder = await openCorpusEmbedder(path.join(index.buildDir, 'model'), { batchSize: config.embedBatchSize });
const texts = index.chunks.map((chunk) => chunk.text);
const started = performance.now();
await embedder.embed(texts);
const rawMs = performance.now() - started;

process.stdout.write(
  `${JSON.stringify({
    chunks: summary.chunks,
    embedded: summary.embedded,
    ingestMs: summary.ms,
    ingestChunksPerSec: summary.chunks / (summary.ms / 1000),
    rawEmbedMs: Math.round(rawMs),
    rawChunksPerSec: texts.length / (rawMs / 1000),
    ingestPeakRssMb: Math.round(ingestPeakRssMb),
  })}\n`,
);
