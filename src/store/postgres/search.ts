/**
 * Retrieval answered by PostgreSQL for one build, so that a server holds no
 * vectors, postings or chunk texts: dense top-k through the build's pgvector HNSW
 * index, BM25 summed from the per-term impacts stored at publish (the query's terms'
 * rows only, read in binary), and the texts of the retrieved chunks only. Every
 * query names its build, so a request that began before a new build was published
 * finishes on its own. Not prepared statements: after five runs PostgreSQL may plan
 * them generically, and the dense search and the fetch measured slower so (3–5 →
 * 5–6 ms a question at 10k chunks).
 *
 * Written with `pg` rather than LangChain's PGVectorStore (see store.ts), whose
 * similarity search knows neither builds nor BM25.
 * @module
 */
import type pg from 'pg';
import { QuireError } from '../../errors.js';
import type { Manifest } from '../../index/manifest.js';
import { topByImpacts } from '../../retrieval/bm25.js';
import type { FetchedChunk, SearchSource } from '../../retrieval/types.js';
import type { TextAnalysis } from '../../text/analysis.js';
import { tokenize } from '../../text/tokenize.js';
import type { Chunk } from '../../types.js';
import { float8Array, int4Array } from './array-send.js';
import { buildIdLiteral } from './schema.js';
import { vectorLiteral } from './vector-text.js';

/** A chunk's columns in quire_chunks, as `CHUNK_COLUMNS` selects them. */
export interface ChunkRow {
  label: number;
  id: string;
  doc_id: string;
  n: number;
  text: string;
  start_offset: number;
  end_offset: number;
}

export const CHUNK_COLUMNS = 'label, id, doc_id, n, text, start_offset, end_offset';

export const toChunk = (row: ChunkRow): Chunk => ({ id: row.id, docId: row.doc_id, n: row.n, text: row.text, start: row.start_offset, end: row.end_offset });

/** The dense top-k query of build `buildId` ($1: the query vector's text, $2: k), through its HNSW index. */
export function denseSql(buildId: string, dims: number): string {
  // The partial HNSW index's predicate is this literal: the planner uses the index only for a query that repeats it.
  const vector = `embedding::vector(${dims})`;
  return `SELECT label, 1 - (${vector} <=> $1::vector(${dims})) AS similarity FROM quire_chunks
          WHERE build_id = ${buildIdLiteral(buildId)} ORDER BY ${vector} <=> $1::vector(${dims}) LIMIT $2`;
}

export function postgresSearch(db: pg.Pool, buildId: string, manifest: Manifest, where: string): SearchSource & { chunksById(ids: readonly string[]): Promise<(Chunk | undefined)[]> } {
  const dims = manifest.embedder.dims;
  const vector = `embedding::vector(${dims})`;
  const labelById = new Map(manifest.labels.map((id, label) => [id, label]));
  const titles = new Map(manifest.documents.map((doc) => [doc.id, doc.title]));
  const missing = (label: number) => new QuireError('index_corrupt', `Build ${buildId} in ${where} lacks the chunk labelled ${label} that its search returned.`);

  return {
    async dense(query, k) {
      const { rows } = await db.query<{ label: number; similarity: number }>(denseSql(buildId, dims), [vectorLiteral(query), k]);
      return rows;
    },
    async lexical(query, k) {
      const terms = [...new Set(tokenize(query))];
      if (terms.length === 0 || k <= 0) return [];
      // The query terms' postings and impacts, summed here: grouping and sorting every posting in SQL
      // (an ordered aggregate, to sum in the query's order) took ~15 ms a question at 10k chunks.
      const { rows } = await db.query<{ term: string; labels: Buffer; impacts: Buffer }>(
        'SELECT term, array_send(labels) AS labels, array_send(impacts) AS impacts FROM quire_terms WHERE build_id = $1 AND term = ANY($2::text[])',
        [buildId, terms],
      );
      const byTerm = new Map(rows.map((row) => [row.term, row]));
      const postings = terms.flatMap((term) => {
        const row = byTerm.get(term);
        return row ? [{ labels: int4Array(row.labels), impacts: float8Array(row.impacts) }] : [];
      });
      return topByImpacts(postings, manifest.labels.length, k);
    },
    async fetch(labels, query): Promise<FetchedChunk[]> {
      if (labels.length === 0) return [];
      const { rows } = await db.query<ChunkRow & { similarity: number | null; analysis: TextAnalysis }>(
        `SELECT ${CHUNK_COLUMNS}, 1 - (${vector} <=> $3::vector(${dims})) AS similarity, analysis
         FROM quire_chunks WHERE build_id = $1 AND label = ANY($2::int[])`,
        [buildId, labels, query ? vectorLiteral(query) : null],
      );
      const byLabel = new Map(rows.map((row) => [row.label, row]));
      return labels.map((label) => {
        const row = byLabel.get(label);
        if (!row) throw missing(label);
        return { chunk: toChunk(row), title: titles.get(row.doc_id) ?? row.doc_id, similarity: row.similarity ?? 0, analysis: row.analysis };
      });
    },
    labelOf: (id) => labelById.get(id),
    async chunksById(ids) {
      if (ids.length === 0) return [];
      const { rows } = await db.query<ChunkRow>(
        `SELECT ${CHUNK_COLUMNS} FROM quire_chunks WHERE build_id = $1 AND id = ANY($2::text[])`,
        [buildId, ids],
      );
      const byId = new Map(rows.map((row) => [row.id, toChunk(row)]));
      return ids.map((id) => byId.get(id));
    },
  };
}
