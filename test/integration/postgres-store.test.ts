/**
 * The postgres store against a real PostgreSQL + pgvector (QUIRE_TEST_DATABASE_URL;
 * `.ci/run` starts one): ingest, incremental re-ingest, answers identical to the
 * local store's, ingests killed mid-publish, the advisory lock, two servers picking
 * up a new build live and continuing each other's conversations, and no secret in
 * any message.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withConfig, type Config } from '../../src/config.js';
import { ingest } from '../../src/ingest/ingest.js';
import { openIndex } from '../../src/index/open.js';
import { silentLogger } from '../../src/log.js';
import { createRetriever } from '../../src/retrieval/retriever.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { openCurrentBuild } from '../../src/store/current.js';
import { openStore } from '../../src/store/open-store.js';
import { parseVector } from '../../src/store/postgres/vector-text.js';
import { copyDefaultCorpus, testConfig } from '../helpers/fixtures.js';
import { postJson } from '../helpers/http.js';
import { createTestDatabase, query, testDatabaseUrl } from '../helpers/postgres.js';
import { runQuire, sleep, spawnQuire, waitFor } from '../helpers/quire-cli.js';

const QUESTIONS = [
  'Where did Imran Khan meet President Putin?',
  'How much gas will the Karachi-Lahore pipeline carry each year?',
  'What is CASA-1000?',
  'Why was Putin’s 2012 visit to Pakistan cancelled?',
  'Which Russian foreign minister visited Islamabad?',
];
const RETRIEVE = { topK: 6, candidateK: 30, rrfK: 60 };
const ADMIN = 'pg-admin-token-5b1e';

describe.skipIf(!testDatabaseUrl)('the postgres store', () => {
  let db: { url: string; drop: () => Promise<void> };
  let pgConfig: Config;
  let localConfig: Config;

  beforeAll(async () => {
    db = await createTestDatabase();
    const corpusDir = await copyDefaultCorpus();
    pgConfig = await testConfig({ corpusDir, store: 'postgres', databaseUrl: db.url });
    localConfig = await testConfig({ corpusDir });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('ingests into the database, nothing into the index directory, and answers exactly as the local store', async () => {
    const summary = await ingest({ config: pgConfig, log: silentLogger });
    expect(summary.documents).toMatchObject({ added: 5, changed: 0, unchanged: 0 });
    expect(existsSync(pgConfig.indexDir) && (await import('node:fs')).readdirSync(pgConfig.indexDir).length).toBeFalsy();
    const [counts] = await query<{ chunks: string; terms: string; files: string; dims: number }>(
      db.url,
      `SELECT (SELECT count(*) FROM quire_chunks) AS chunks, (SELECT count(*) FROM quire_terms) AS terms,
              (SELECT count(*) FROM quire_model_files) AS files, (SELECT vector_dims(embedding) FROM quire_chunks LIMIT 1) AS dims`,
    );
    expect(Number(counts!.chunks)).toBe(summary.chunks);
    expect(Number(counts!.terms)).toBeGreaterThan(1000);
    expect(Number(counts!.files)).toBeGreaterThan(0);
    expect(counts!.dims).toBe(summary.embedder.dims);
    // The build's own HNSW index over its vectors, for cosine distance.
    const indexes = await query<{ indexdef: string }>(db.url, `SELECT indexdef FROM pg_indexes WHERE tablename = 'quire_chunks' AND indexdef LIKE '%hnsw%'`);
    expect(indexes).toHaveLength(1);
    expect(indexes[0]!.indexdef).toContain('vector_cosine_ops');

    await ingest({ config: localConfig, log: silentLogger });
    const store = openStore(pgConfig, silentLogger);
    try {
      const fromPg = await openCurrentBuild(store, pgConfig);
      const fromFiles = await openIndex(localConfig);
      expect(fromPg.manifest.labels).toEqual(fromFiles.manifest.labels);
      // Two ingests of one corpus embed to within a float32 rounding step of each other (the
      // embedding runtime's summation order varies); the database adds no difference of its own.
      for (const label of [0, Math.floor(fromPg.size / 2), fromPg.size - 1]) {
        const [row] = await query<{ embedding: string }>(db.url, 'SELECT embedding::text AS embedding FROM quire_chunks WHERE label = $1', [label]);
        const [a, b] = [parseVector(row!.embedding), fromFiles.vectors.vector(label)];
        expect(Math.max(...a.map((x, i) => Math.abs(x - b[i]!)))).toBeLessThan(1e-6);
      }
      for (const question of QUESTIONS) {
        const [a, b] = await Promise.all([createRetriever(fromPg).retrieve(question, RETRIEVE), createRetriever(fromFiles).retrieve(question, RETRIEVE)]);
        expect(a.map((r) => [r.chunk, r.denseRank, r.lexicalRank]), question).toEqual(b.map((r) => [r.chunk, r.denseRank, r.lexicalRank]));
        a.forEach((r, i) => expect(r.similarity).toBeCloseTo(b[i]!.similarity, 5));
        const [stored] = await query<{ analysis: unknown }>(db.url, 'SELECT analysis FROM quire_chunks WHERE id = $1', [a[0]!.chunk.id]);
        expect(stored!.analysis).toEqual(fromFiles.analysis(a[0]!.chunk.id));
      }
      // The lexical half is BM25 summed in SQL: scores as the local index's, not ts_rank's.
      for (const question of QUESTIONS) {
        expect(await fromPg.search.lexical(question, 30), question).toEqual(await fromFiles.search.lexical(question, 30));
      }
      const ids = [fromFiles.chunk(3).id, 'no-such-doc:0'];
      expect(await fromPg.chunksById(ids)).toEqual([fromFiles.chunk(3), undefined]);
    } finally {
      await store.close();
    }
  });

  it('answers from the database, not from memory: dense hits through the build’s HNSW index, texts read per question', async () => {
    const [{ id, dims }] = (await query<{ id: string; dims: number }>(db.url, 'SELECT b.id, b.dims FROM quire_builds b JOIN quire_current_build c ON c.build_id = b.id')) as [{ id: string; dims: number }];
    // The search's query shape (search.ts) matches the build's partial HNSW index. Scans and sorts are
    // off because on 71 rows the planner rightly prefers scanning and sorting them all; what must not
    // happen is that it cannot use the index (the bench prints the plan it picks on 10k chunks).
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query('SET enable_seqscan = off; SET enable_sort = off');
      const plan = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT label FROM quire_chunks WHERE build_id = '${id}'
         ORDER BY embedding::vector(${dims}) <=> (SELECT embedding FROM quire_chunks LIMIT 1)::vector(${dims}) LIMIT 30`,
      );
      expect(plan.rows.map((row) => row['QUERY PLAN']).join('\n')).toMatch(/Index Scan using quire_chunks_hnsw_/);
    } finally {
      await client.end();
    }

    const store = openStore(pgConfig, silentLogger);
    try {
      const build = await openCurrentBuild(store, pgConfig);
      const question = QUESTIONS[0]!;
      const [top] = await createRetriever(build).retrieve(question, RETRIEVE);
      await query(db.url, `UPDATE quire_chunks SET text = text || ' (edited in the database)' WHERE build_id = $1 AND id = $2`, [id, top!.chunk.id]);
      const [again] = await createRetriever(build).retrieve(question, RETRIEVE);
      expect(again!.chunk.text).toBe(`${top!.chunk.text} (edited in the database)`);
      await query(db.url, `UPDATE quire_chunks SET text = $3 WHERE build_id = $1 AND id = $2`, [id, top!.chunk.id, top!.chunk.text]);
    } finally {
      await store.close();
    }
  });

  it('re-embeds only the changed document on re-ingest and keeps just the current and previous builds', async () => {
    const store = openStore(pgConfig, silentLogger);
    const old = await openCurrentBuild(store, pgConfig);
    await writeFile(path.join(pgConfig.corpusDir, 'harbour.txt'), 'The Saltmarsh harbour master, Ignatius Fairweather, rang the fog bell every night of the winter of 1911.\n');
    const summary = await ingest({ config: pgConfig, log: silentLogger });
    expect(summary.documents).toMatchObject({ added: 1, unchanged: 5 });
    // A request that began on the old build finishes on it: its queries name their build.
    const question = 'Who rang the Saltmarsh fog bell?';
    const onOld = await createRetriever(old).retrieve(question, RETRIEVE);
    expect(onOld.length).toBeGreaterThan(0);
    expect(onOld.some((r) => r.chunk.docId === 'harbour')).toBe(false);
    const onNew = await createRetriever(await openCurrentBuild(store, pgConfig)).retrieve(question, RETRIEVE);
    expect(onNew[0]!.chunk.docId).toBe('harbour');
    await store.close();
    expect(summary.embedded).toBeLessThan(5);
    const again = await ingest({ config: pgConfig, log: silentLogger });
    expect(again.embedded).toBe(0);
    const builds = await query<{ n: string }>(db.url, 'SELECT count(*) AS n FROM quire_builds');
    expect(Number(builds[0]!.n)).toBe(2);
    const hnsw = await query(db.url, `SELECT 1 FROM pg_indexes WHERE tablename = 'quire_chunks' AND indexdef LIKE '%hnsw%'`);
    expect(hnsw).toHaveLength(2);
  });

  it('migrates a database of schema 1: its builds get their BM25 contributions, and search as before', async () => {
    const lexicalRanks = async () => {
      const store = openStore(pgConfig, silentLogger);
      try {
        const build = await openCurrentBuild(store, pgConfig);
        // Ranks: the migration computes impacts in SQL, whose last bits may differ from those ingest computes.
        return await Promise.all(QUESTIONS.map(async (question) => (await build.search.lexical(question, 30)).map(({ label }) => label)));
      } finally {
        await store.close();
      }
    };
    const before = await lexicalRanks();
    // Schema 1 as it was released: no impacts column, version 1.
    await query(db.url, 'ALTER TABLE quire_terms DROP COLUMN impacts');
    await query(db.url, 'UPDATE quire_schema SET version = 1');
    expect(await lexicalRanks()).toEqual(before);
    const [{ version }] = (await query<{ version: number }>(db.url, 'SELECT version FROM quire_schema')) as [{ version: number }];
    expect(version).toBe(2);
    const [{ empty }] = (await query<{ empty: string }>(db.url, 'SELECT count(*) AS empty FROM quire_terms WHERE cardinality(impacts) <> cardinality(labels)')) as [{ empty: string }];
    expect(Number(empty)).toBe(0);
  });

  it('lets one ingest at a time run (advisory lock), and an ingest killed while publishing leaves the current build untouched', async () => {
    const store = openStore(pgConfig, silentLogger);
    const release = await store.ingestTarget().lock();
    try {
      await expect(ingest({ config: pgConfig, log: silentLogger })).rejects.toMatchObject({ code: 'conflict' });
    } finally {
      await release();
      await store.close();
    }

    const [before] = await query<{ build_id: string }>(db.url, 'SELECT build_id FROM quire_current_build');
    await writeFile(path.join(pgConfig.corpusDir, 'killed.txt'), 'A document whose ingest is killed: the brass lighthouse of Quillon Point was painted green in 1877.\n');
    // Killed inside the publishing transaction (the session has written rows: it holds a transaction id),
    // at a few points into it.
    const inPublish = async () =>
      (await query(db.url, `SELECT 1 FROM pg_stat_activity WHERE application_name = 'quire' AND backend_xid IS NOT NULL AND datname = current_database()`)).length > 0;
    for (const delayMs of [0, 40]) {
      const run = spawnQuire(['ingest', '--json'], pgConfig);
      let exited = false;
      void run.exited.then(() => (exited = true));
      await waitFor('the ingest to open its publishing transaction', async () => (await inPublish()) || exited || undefined, { timeoutMs: 120_000, intervalMs: 5 });
      expect(exited, 'the ingest finished before it could be killed').toBe(false);
      await sleep(delayMs);
      run.child.kill('SIGKILL');
      const { signal } = await run.exited;
      expect(signal).toBe('SIGKILL');
      const [current] = await query<{ build_id: string }>(db.url, 'SELECT build_id FROM quire_current_build');
      expect(current!.build_id).toBe(before!.build_id);
    }
    const rows = await query<{ n: string }>(db.url, 'SELECT count(*) AS n FROM quire_builds');
    expect(Number(rows[0]!.n)).toBe(2);
    // The killed sessions' locks went with them: the next ingest runs and publishes.
    const result = await runQuire(['ingest', '--json'], pgConfig);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout.trim().split('\n').at(-1)!).documents).toMatchObject({ added: 1 });
  });

  describe('two servers on one database', () => {
    let a: RunningServer;
    let b: RunningServer;
    beforeAll(async () => {
      // Each its own (empty) index directory and port: nothing but the database is shared.
      a = await startServer(await testConfig({ corpusDir: pgConfig.corpusDir, store: 'postgres', databaseUrl: db.url, computeWorkers: 1, adminToken: ADMIN }), silentLogger);
      b = await startServer(await testConfig({ corpusDir: pgConfig.corpusDir, store: 'postgres', databaseUrl: db.url, computeWorkers: 0 }), silentLogger);
    }, 120_000);
    afterAll(async () => {
      await a?.close();
      await b?.close();
    });

    it('continue each other’s conversations', async () => {
      const first = await postJson(`${a.url}/ask`, { question: 'Where did Imran Khan meet President Putin?' });
      expect(first.status).toBe(200);
      expect(first.json.answer).toContain('Bishkek');
      const followUp = await postJson(`${b.url}/ask`, { question: 'When did they meet there?', conversationId: first.json.conversationId });
      expect(followUp.status).toBe(200);
      expect(followUp.json.newConversation).toBe(false);
      expect(followUp.json.conversationId).toBe(first.json.conversationId);
      expect(followUp.json.rewrittenQuery).toBeDefined();
      const unknown = await postJson(`${b.url}/ask`, { question: 'What is CASA-1000?', conversationId: '00000000-0000-4000-8000-000000000000' });
      expect(unknown.json.newConversation).toBe(true);
    });

    it('both switch to a build another machine publishes, without a restart', async () => {
      const before = a.holder.current()!.buildDir;
      expect(b.holder.current()!.buildDir).toBe(before);
      await writeFile(path.join(pgConfig.corpusDir, 'observatory.txt'), 'The Vellmar observatory on Mount Orrin was founded by the astronomer Ottilie Brandmeyer in 1902.\n');
      await ingest({ config: pgConfig, log: silentLogger });
      for (const server of [a, b]) {
        const answer = await waitFor('the new build to be served', async () => {
          const { json } = await postJson(`${server.url}/ask`, { question: 'Who founded the Vellmar observatory?' });
          return json.citations?.some((c: { docId: string }) => c.docId === 'observatory') ? json : undefined;
        }, { timeoutMs: 30_000 });
        expect(answer.answer).toContain('Brandmeyer');
        expect(server.holder.current()!.buildDir).not.toBe(before);
      }
    });

    it('re-index jobs run `quire ingest` against the database, and the other server picks the build up', async () => {
      await writeFile(path.join(pgConfig.corpusDir, 'ferry.txt'), 'The Orsk ferry across the Darrow estuary was captained by Wilhelmina Tarrant from 1921 to 1930.\n');
      const headers = { authorization: `Bearer ${ADMIN}` };
      const start = await fetch(`${a.url}/admin/reindex`, { method: 'POST', headers });
      expect(start.status).toBe(202);
      const { job } = (await start.json()) as { job: { id: string } };
      const done = await waitFor('the re-index job to finish', async () => {
        const { job: now } = (await (await fetch(`${a.url}/admin/reindex/${job.id}`, { headers })).json()) as { job: { state: string; summary?: { documents: { added: number } } } };
        return now.state === 'succeeded' || now.state === 'failed' ? now : undefined;
      }, { timeoutMs: 120_000, intervalMs: 250 });
      expect(done).toMatchObject({ state: 'succeeded', summary: { documents: { added: 1 } } });
      const answer = await waitFor('server B to serve the job’s build', async () => {
        const { json } = await postJson(`${b.url}/ask`, { question: 'Who captained the Orsk ferry?' });
        return json.citations?.some((c: { docId: string }) => c.docId === 'ferry') ? json : undefined;
      }, { timeoutMs: 30_000 });
      expect(answer.answer).toContain('Tarrant');
    });
  });

  it('never prints the database password, in configuration errors or connection failures', async () => {
    const secret = 'hunter2-secret-pw';
    expect(() => withConfig({ store: 'postgres', databaseUrl: `mysql://quire:${secret}@127.0.0.1/x` })).toThrow(/QUIRE_DATABASE_URL/);
    try {
      withConfig({ store: 'postgres', databaseUrl: `mysql://quire:${secret}@127.0.0.1/x` });
    } catch (error) {
      expect((error as Error).message).not.toContain(secret);
    }
    expect(() => withConfig({ store: 'postgres' })).toThrow(/QUIRE_DATABASE_URL \/ --database-url: required when --store is postgres/);

    const wrong = new URL(db.url);
    wrong.password = secret;
    const config = await testConfig({ store: 'postgres', databaseUrl: wrong.toString() });
    const result = await runQuire(['ingest', '--json'], config);
    expect(result.code).not.toBe(0);
    const { error } = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
    expect(error.code).toBe('store_unavailable');
    expect(error.message).toContain(`${wrong.hostname}:${wrong.port}${wrong.pathname}`);
    expect(result.stdout + result.stderr).not.toContain(secret);
  });
});
