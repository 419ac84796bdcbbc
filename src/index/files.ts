/**
 * Reading and writing the files of one build directory. Everything read from
 * disk is validated: a damaged index is reported, never half-used.
 * @module
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { QuireError } from '../errors.js';
import type { LexicalStats } from '../retrieval/bm25.js';
import type { Chunk } from '../types.js';
import { CHUNKS_FILE, LEXICAL_FILE, MANIFEST_FILE, VECTORS_FILE } from './layout.js';
import type { Manifest } from './manifest.js';
import { readVectorIndex, type VectorIndex } from './vectors.js';

const chunkSchema = z.object({
  id: z.string(),
  docId: z.string(),
  n: z.number().int().nonnegative(),
  text: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});

const lexicalSchema = z.object({
  k1: z.number(),
  b: z.number(),
  lengths: z.array(z.number()),
  avgLength: z.number(),
  postings: z.record(z.array(z.tuple([z.number().int(), z.number()]))),
});

export async function writeChunks(buildDir: string, chunks: readonly Chunk[]): Promise<void> {
  await writeFile(path.join(buildDir, CHUNKS_FILE), chunks.map((chunk) => JSON.stringify(chunk)).join('\n') + '\n');
}

export async function readChunks(buildDir: string): Promise<Chunk[]> {
  const file = path.join(buildDir, CHUNKS_FILE);
  const text = await readOrFail(file);
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      try {
        return chunkSchema.parse(JSON.parse(line));
      } catch (cause) {
        throw new QuireError('index_corrupt', `${file} line ${i + 1} is not a valid chunk.`, { cause });
      }
    });
}

export async function writeLexical(buildDir: string, stats: LexicalStats): Promise<void> {
  await writeFile(path.join(buildDir, LEXICAL_FILE), JSON.stringify(stats));
}

export async function readLexical(buildDir: string): Promise<LexicalStats> {
  const file = path.join(buildDir, LEXICAL_FILE);
  const text = await readOrFail(file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new QuireError('index_corrupt', `${file} is not valid JSON.`, { cause });
  }
  const parsed = lexicalSchema.safeParse(json);
  if (!parsed.success) throw new QuireError('index_corrupt', `${file} does not hold valid BM25 statistics.`);
  return parsed.data as LexicalStats;
}

export async function readVectors(buildDir: string, dims: number): Promise<VectorIndex> {
  const file = path.join(buildDir, VECTORS_FILE);
  if (!existsSync(file)) throw new QuireError('index_corrupt', `${file} is missing.`);
  try {
    return await readVectorIndex(file, dims);
  } catch (cause) {
    throw new QuireError('index_corrupt', `${file} is not a readable vector index (${(cause as Error).message}).`, { cause });
  }
}

/** Written last: a build directory without a manifest is incomplete by definition. */
export async function writeManifest(buildDir: string, manifest: Manifest): Promise<void> {
  await writeFile(path.join(buildDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
}

async function readOrFail(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    throw new QuireError('index_corrupt', `Cannot read ${file}.`, { cause });
  }
}
