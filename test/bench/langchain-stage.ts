/**
 * The LangChain.js baseline, in its own process: the same documents split by
 * `RecursiveCharacterTextSplitter`, embedded through the standard transformers.js
 * pipeline (mean pooling) of the same corpus model, stored with `HNSWLib` from
 * `@langchain/community`. The model is the one Quire fitted (fit time excluded).
 * `tsx test/bench/langchain-stage.ts <corpusDir> <modelDir>` prints one JSON line.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { Embeddings } from '@langchain/core/embeddings';
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import { loadExtractor } from '../../src/embedding/pipeline.js';

const [corpusDir, modelDir] = process.argv.slice(2);
if (!corpusDir || !modelDir) throw new Error('usage: langchain-stage.ts <corpusDir> <modelDir>');

const absolute = path.resolve(modelDir);
const extractor = await loadExtractor({ root: path.dirname(absolute), modelId: path.basename(absolute), quantized: false });

class LibraryPipelineEmbeddings extends Embeddings {
  async embedDocuments(texts: string[]): Promise<number[][]> {
    const out: number[][] = [];
    // The library's own pooling, as LangChain's HuggingFaceTransformersEmbeddings calls it.
    for (let from = 0; from < texts.length; from += 32) {
      const tensor = await extractor(texts.slice(from, from + 32), { pooling: 'mean', normalize: true });
      out.push(...(tensor.tolist() as number[][]));
    }
    return out;
  }
  async embedQuery(text: string): Promise<number[]> {
    return (await this.embedDocuments([text]))[0]!;
  }
}

const started = performance.now();
// 180 words of 30 with 30 overlap, at ~6 characters a word.
const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 1100, chunkOverlap: 180 });
const docs = [];
for (const name of (await readdir(corpusDir)).sort()) {
  const text = await readFile(path.join(corpusDir, name), 'utf8');
  docs.push(...(await splitter.createDocuments([text], [{ source: name }])));
}
await HNSWLib.fromDocuments(docs, new LibraryPipelineEmbeddings({}));
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ chunks: docs.length, ms: Math.round(ms), chunksPerSec: docs.length / (ms / 1000), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
