/**
 * manifest.json: what an index was built from and with. Read through zod
 * because it comes from disk; checked against the running settings so that an
 * index is never queried with a different model or chunker than built it.
 * @module
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { QuireError } from '../errors.js';
import { MANIFEST_FILE } from './layout.js';

/**
 * Bump when the on-disk layout changes; older indexes must be rebuilt.
 * 2: stored chunk analysis (analysis.jsonl). 3: binary chunks, postings and analyses (chunks.bin, lexical.bin, analysis.bin).
 * 4: the analyses are what answering reads: quotable sentences (cut at footnote marks), every lemma of their words.
 */
export const FORMAT_VERSION = 4;

const manifestSchema = z.object({
  formatVersion: z.number().int(),
  createdAt: z.string(),
  embedder: z.object({ kind: z.enum(['neural', 'corpus']), modelId: z.string(), dims: z.number().int().positive() }),
  chunker: z.object({ chunkWords: z.number().int(), chunkOverlapWords: z.number().int() }),
  documents: z.array(
    z.object({ id: z.string(), title: z.string(), path: z.string(), sha256: z.string(), chunkIds: z.array(z.string()) }),
  ),
  /** HNSW label i ↔ chunk id labels[i]. */
  labels: z.array(z.string()),
  /** Files in the corpus directory that could not be indexed, with why (absent in older indexes). */
  failed: z.array(z.object({ path: z.string(), error: z.string() })).optional(),
  corpusModel: z.object({ vocabularySize: z.number().int(), fittedAt: z.string(), unseenWordRate: z.number() }).optional(),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestDocument = Manifest['documents'][number];

export async function readManifest(buildDir: string): Promise<Manifest> {
  const file = path.join(buildDir, MANIFEST_FILE);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (cause) {
    throw new QuireError('index_corrupt', `Cannot read the index manifest ${file}.`, { cause });
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new QuireError('index_corrupt', `The index manifest ${file} is invalid at ${issue?.path.join('.') || '(root)'}: ${issue?.message}.`);
  }
  if (parsed.data.formatVersion !== FORMAT_VERSION) {
    throw new QuireError(
      'index_incompatible',
      `The index at ${buildDir} has format version ${parsed.data.formatVersion}; this Quire reads version ${FORMAT_VERSION}. Re-ingest to rebuild it: \`quire ingest\`.`,
    );
  }
  return parsed.data;
}

export interface ExpectedBuild {
  chunkWords: number;
  chunkOverlapWords: number;
  embedder: 'auto' | 'neural' | 'corpus';
  embeddingModel: string;
}

/** Why `manifest` cannot serve with the given settings, or null when it can. */
export function incompatibility(manifest: Manifest, expected: ExpectedBuild): string | null {
  const { chunker, embedder } = manifest;
  if (chunker.chunkWords !== expected.chunkWords || chunker.chunkOverlapWords !== expected.chunkOverlapWords) {
    return `it was chunked with ${chunker.chunkWords}/${chunker.chunkOverlapWords} words (size/overlap), the settings say ${expected.chunkWords}/${expected.chunkOverlapWords}`;
  }
  if (expected.embedder !== 'auto' && embedder.kind !== expected.embedder) {
    return `it was embedded with the ${embedder.kind} model, the settings ask for ${expected.embedder}`;
  }
  if (embedder.kind === 'neural' && embedder.modelId !== expected.embeddingModel) {
    return `it was embedded with ${embedder.modelId}, the settings ask for ${expected.embeddingModel}`;
  }
  return null;
}

export function assertCompatible(manifest: Manifest, expected: ExpectedBuild, buildDir: string): void {
  const why = incompatibility(manifest, expected);
  if (why) throw new QuireError('index_incompatible', `The index at ${buildDir} does not match the current settings: ${why}.`);
}
