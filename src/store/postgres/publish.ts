/**
 * Publishing a build into PostgreSQL: ingest's build, straight from memory (no
 * local index files, no hnswlib graph: pgvector builds its own), written as rows in
 * ONE transaction that also creates the build's HNSW index and makes it current: an ingest killed at any
 * moment leaves the current build untouched (the transaction rolls back), and
 * servers, woken by NOTIFY at commit, find the whole build or none of it.
 * @module
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { MODEL_DIR } from '../../index/layout.js';
import { analysisAt } from '../../index/analysis-columns.js';
import type { NewBuild } from '../../index/write-build.js';
import { termImpacts } from '../../retrieval/bm25.js';
import { stringAt, stringCount } from '../../retrieval/string-table.js';
import { BUILDS_CHANNEL } from './watch.js';
import { buildIdLiteral, hnswIndexName } from './schema.js';
import { vectorLiteral } from './vector-text.js';

/** Rows per INSERT: large enough to amortise round trips, small enough for a bounded statement. */
const CHUNK_ROWS = 500;
const TERM_ROWS = 5_000;

/** Writes `build` as build `buildId` and makes it current; keeps `keep` too, removes older builds. */
export async function publishPostgresBuild(client: pg.ClientBase, build: NewBuild, buildId: string, keep: readonly string[]): Promise<void> {
  const { manifest, chunks, analyses, vectors, lexical, parseFailures } = build;
  const modelFiles = manifest.embedder.kind === 'corpus' ? await readTree(path.join(build.dir, MODEL_DIR)) : [];
  const dims = manifest.embedder.dims;
  const id = buildIdLiteral(buildId);

  await client.query('BEGIN');
  try {
    await client.query(
      `INSERT INTO quire_builds (id, manifest, dims, bm25_k1, bm25_b, avg_length, parse_failures) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [buildId, JSON.stringify(manifest), dims, lexical.k1, lexical.b, lexical.avgLength, JSON.stringify(parseFailures)],
    );
    await client.query(
      `INSERT INTO quire_documents (build_id, id, title, path, sha256)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[])`,
      [buildId, ...columns(manifest.documents, (d) => [d.id, d.title, d.path, d.sha256])],
    );
    for (let from = 0; from < chunks.length; from += CHUNK_ROWS) {
      const labels = Array.from({ length: Math.min(CHUNK_ROWS, chunks.length - from) }, (_, i) => from + i);
      await client.query(
        `INSERT INTO quire_chunks (build_id, label, id, doc_id, n, text, start_offset, end_offset, token_count, embedding, analysis)
         SELECT $1, label, id, doc_id, n, text, s, e, len, embedding::vector, analysis::jsonb
         FROM unnest($2::int[], $3::text[], $4::text[], $5::int[], $6::text[], $7::int[], $8::int[], $9::int[], $10::text[], $11::text[])
           AS t (label, id, doc_id, n, text, s, e, len, embedding, analysis)`,
        [
          buildId,
          ...columns(labels, (label) => {
            const chunk = chunks[label]!;
            return [
              label,
              chunk.id,
              chunk.docId,
              chunk.n,
              chunk.text,
              chunk.start,
              chunk.end,
              lexical.lengths[label]!,
              vectorLiteral(vectors[label]!),
              JSON.stringify(analysisAt(analyses, label)),
            ];
          }),
        ],
      );
    }
    const terms = Array.from({ length: stringCount(lexical.terms) }, (_, t) => [stringAt(lexical.terms, t), t] as const);
    for (let from = 0; from < terms.length; from += TERM_ROWS) {
      const batch = terms.slice(from, from + TERM_ROWS);
      // Postings as int-array literals: unnest cannot take an array of arrays of differing lengths.
      await client.query(
        `INSERT INTO quire_terms (build_id, term, labels, tfs, impacts)
         SELECT $1, term, labels::int[], tfs::int[], impacts::float8[] FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS t (term, labels, tfs, impacts)`,
        [
          buildId,
          ...columns(batch, ([term, t]) => {
            const start = lexical.offsets[t]!;
            const end = lexical.offsets[t + 1]!;
            // Doubles printed the shortest round-trip way parse back to the same float8.
            return [term, `{${lexical.labels.subarray(start, end).join(',')}}`, `{${lexical.tfs.subarray(start, end).join(',')}}`, `{${termImpacts(lexical, t).join(',')}}`];
          }),
        ],
      );
    }
    for (const file of modelFiles) {
      await client.query('INSERT INTO quire_model_files (build_id, path, bytes) VALUES ($1, $2, $3)', [buildId, file.path, file.bytes]);
    }
    await client.query(
      `CREATE INDEX ${hnswIndexName(buildId)} ON quire_chunks USING hnsw ((embedding::vector(${dims})) vector_cosine_ops) WHERE build_id = ${id}`,
    );
    await client.query(
      `INSERT INTO quire_current_build (only_row, build_id) VALUES (true, $1)
       ON CONFLICT (only_row) DO UPDATE SET build_id = excluded.build_id, published_at = now()`,
      [buildId],
    );
    await client.query('SELECT pg_notify($1, $2)', [BUILDS_CHANNEL, buildId]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
  await pruneBuilds(client, [buildId, ...keep]);
}

/** Removes builds other than `keep` (the new one and the one before it, which a server may still be loading). */
async function pruneBuilds(client: pg.ClientBase, keep: readonly string[]): Promise<void> {
  const { rows } = await client.query<{ id: string }>('SELECT id FROM quire_builds WHERE NOT (id = ANY($1::text[]))', [keep]);
  for (const { id } of rows) {
    await client.query(`DROP INDEX IF EXISTS ${hnswIndexName(id)}`);
    await client.query('DELETE FROM quire_builds WHERE id = $1', [id]);
  }
}

/** Rows → one array per column, for `unnest`. */
function columns<T>(rows: readonly T[], row: (item: T) => unknown[]): unknown[][] {
  const out: unknown[][] = [];
  rows.forEach((item) => row(item).forEach((value, c) => (out[c] ??= []).push(value)));
  return out;
}

async function readTree(dir: string, prefix = ''): Promise<{ path: string; bytes: Buffer }[]> {
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  const files = await Promise.all(
    entries.map(async (entry) => {
      const rel = path.posix.join(prefix, entry.name);
      return entry.isDirectory() ? readTree(dir, rel) : [{ path: rel, bytes: await readFile(path.join(dir, rel)) }];
    }),
  );
  return files.flat();
}
