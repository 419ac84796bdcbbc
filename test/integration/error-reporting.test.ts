/**
 * Error reporting that misled or leaked: a full disk was `internal` with
 * "ENOSPC … write" and a stack trace; a corrupt vectors.hnsw, lexical.bin or chunks.bin
 * was `index_not_built`; 503 bodies showed absolute index paths to any client;
 * a config error echoed the rejected admin token; and timeouts set to 10 s
 * fired after ~31 s (Node checks its request timeouts every 30 s by default).
 */
import { spawn, spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configToEnv, withConfig, type Config } from '../../src/config.js';
import { currentBuildDir } from '../../src/index/layout.js';
import { silentLogger } from '../../src/log.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { buildDefaultIndex, repoRoot, tempDir } from '../helpers/fixtures.js';
import { QUIRE_BIN } from '../helpers/quire-cli.js';
import { rawRequest } from '../helpers/raw-http.js';

const started: RunningServer[] = [];
const start = async (config: Config) => {
  const server = await startServer(config, silentLogger);
  started.push(server);
  return server;
};

let config: Config;
beforeAll(async () => {
  ({ config } = await buildDefaultIndex());
});

afterAll(async () => {
  await Promise.all(started.map((server) => server.close()));
});

/** A copy of the built index with one file of its build overwritten. */
async function indexWithDamaged(file: string, bytes: string): Promise<Config> {
  const { config: own } = await buildDefaultIndex({ corpusDir: config.corpusDir });
  await writeFile(path.join((await currentBuildDir(own.indexDir))!, file), bytes);
  return own;
}

const health = async (server: RunningServer) => rawRequest(server.url, { path: '/health' });

describe('a damaged index', () => {
  it.each([
    ['lexical.bin', 'QUIREBIN but then nothing that makes sense'],
    ['chunks.bin', '{"id":"lavrov-visit:0","text":"an old chunks.jsonl line"}'],
    ['vectors.hnsw', 'not an hnsw index at all, just some bytes'],
    ['model/onnx/model.onnx', 'not an embedding table, just some bytes'],
  ])('a corrupt %s is index_corrupt, saying to re-ingest, with no path in the body', async (file, bytes) => {
    const server = await start(await indexWithDamaged(file, bytes));
    const response = await health(server);
    expect(response.status).toBe(503);
    expect(response.json.error.code).toBe('index_corrupt');
    expect(response.json.error.message).toContain(path.basename(file));
    expect(response.json.error.message).toContain('Re-run `quire ingest`');
    expect(response.body).not.toMatch(/\/tmp\/|\/work\/|quire-index-/);
  });

  it('an index built with other settings is a 503 that names no path', async () => {
    const server = await start(withConfig({ ...config, chunkWords: 90 }));
    const response = await health(server);
    expect(response.status).toBe(503);
    expect(response.json.error.code).toBe('index_incompatible');
    expect(response.json.error.message).toMatch(/chunked with 180\/30 words/);
    expect(response.body).not.toContain(config.indexDir);
    expect(response.body).not.toMatch(/\/tmp\/|\/work\//);
  });
});

describe('configuration errors', () => {
  it.each([
    ['QUIRE_ADMIN_TOKEN', 'adm1n'],
    ['QUIRE_API_TOKEN', 'apitok'],
  ])('a rejected %s is named, never echoed', async (variable, secret) => {
    const result = spawnSync(process.execPath, [QUIRE_BIN, 'ingest'], { env: { ...process.env, ...configToEnv(config), [variable]: secret }, encoding: 'utf8', cwd: repoRoot });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(variable);
    expect(result.stderr).toContain(`a value of ${secret.length} characters`);
    expect(result.stderr).not.toContain(secret);
  });
});

/** Sends `bytes` and never more; resolves with the status line's code and the seconds until the server answered. */
function stall(port: number, bytes: string): Promise<{ status: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    const began = Date.now();
    let received = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    socket.setEncoding('utf8').on('data', (text: string) => (received += text));
    socket.on('error', reject);
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0), seconds: (Date.now() - began) / 1000 }));
  });
}

describe('request timeouts', () => {
  it('fire at the configured time, not at Node’s next 30-second check', async () => {
    const server = await start(withConfig({ ...config, requestTimeoutMs: 2_000 }));
    const [headers, body] = await Promise.all([
      stall(server.port, `GET /health HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n`),
      stall(server.port, `POST /ask HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"question":`),
    ]);
    console.info(`timeouts at 2 s: unfinished headers answered after ${headers.seconds.toFixed(1)} s, unfinished body after ${body.seconds.toFixed(1)} s`);
    expect(headers.status).toBe(408);
    expect(body.status).toBe(504);
    for (const { seconds } of [headers, body]) {
      expect(seconds).toBeGreaterThanOrEqual(1.9);
      expect(seconds).toBeLessThan(6);
    }
  });
});

// A full disk needs a small file system: a tmpfs mounted in a private mount namespace.
const canMountTmpfs = spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs /mnt'], { encoding: 'utf8' }).status === 0;

describe('a full disk', () => {
  it.skipIf(!canMountTmpfs)('is disk_full naming the whole index directory, without a stack trace', async () => {
    const indexDir = await tempDir('full-index');
    const env = { ...process.env, ...configToEnv({ ...config, indexDir }) };
    const script = `mount -t tmpfs -o size=96k tmpfs "$QUIRE_INDEX_DIR" && exec "${process.execPath}" "${QUIRE_BIN}" ingest --json`;
    const child = spawn('unshare', ['-rm', 'sh', '-c', script], { env, cwd: repoRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const code = await new Promise((resolve) => child.once('close', resolve));
    expect(code).toBe(1);
    const report = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(report.error.code).toBe('disk_full');
    expect(report.error.message).toContain(`No space left on the disk holding the index directory ${path.resolve(indexDir)} (ENOSPC).`);
    expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  }, 120_000);
  if (!canMountTmpfs) console.info('full-disk test skipped: cannot mount a tmpfs in a private mount namespace here (unshare -rm)');
});
