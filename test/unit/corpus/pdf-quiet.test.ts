/**
 * pdf.js runs in a child process here so that anything it prints, and any
 * attempt to reach the network, is observed for real rather than assumed.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { makePdf } from '../../helpers/pdf.js';

const loadCorpusModule = fileURLToPath(new URL('../../../src/corpus/load-corpus.ts', import.meta.url));

const CHILD = `
import http from 'node:http';
import https from 'node:https';
const tried = (what) => () => { process.stdout.write('NETWORK ' + what + '\\n'); throw new Error('network used'); };
globalThis.fetch = tried('fetch');
http.request = http.get = tried('http');
https.request = https.get = tried('https');
const { loadCorpus } = await import(process.env.LOAD_CORPUS_MODULE);
const result = await loadCorpus(process.env.CORPUS_DIR);
process.stdout.write('RESULT ' + JSON.stringify({ ids: result.documents.map((d) => d.id), failures: result.failures.map((f) => f.path) }) + '\\n');
`;

it('loads valid and corrupt PDFs without printing anything or touching the network', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'quire-pdf-'));
  try {
    await writeFile(path.join(dir, 'good.pdf'), makePdf(['Quiet PDF text.']));
    await writeFile(path.join(dir, 'bad.pdf'), '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF');
    const truncated = makePdf(['A truncated PDF file.']);
    await writeFile(path.join(dir, 'truncated.pdf'), truncated.subarray(0, Math.floor(truncated.length / 2)));
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
      env: { ...process.env, LOAD_CORPUS_MODULE: loadCorpusModule, CORPUS_DIR: dir },
    });
    expect(stderr).toBe('');
    expect(stdout).toBe(`RESULT ${JSON.stringify({ ids: ['good'], failures: ['bad.pdf', 'truncated.pdf'] })}\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
