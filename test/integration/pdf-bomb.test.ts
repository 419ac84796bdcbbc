/**
 * A 1.5 KB PDF stalled ingest for 6 minutes and 3 GB, on every ingest after
 * it: its page tree reuses one node ten times per level, a million pages. PDFs
 * are now parsed in a child process with a time limit, a heap cap and a page
 * cap; the file is named as failed with the reason, the other documents are
 * indexed, and the failure is remembered by content hash, so the next ingest
 * does not parse the unchanged file again.
 */
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { PARSE_FAILURES_FILE } from '../../src/corpus/isolation/failure-memo.js';
import { ingest, type IngestSummary } from '../../src/ingest/ingest.js';
import { currentBuildDir } from '../../src/index/layout.js';
import { silentLogger } from '../../src/log.js';
import { defaultCorpusDir, tempDir, testConfig } from '../helpers/fixtures.js';
import { pdfOf } from '../helpers/pdf.js';

/** A valid PDF whose page tree has `levels` levels, each node listing the next one `fanout` times: fanout^levels pages. */
function pdfBomb(levels = 6, fanout = 10): Buffer {
  const page = levels + 2;
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>'];
  for (let level = 0; level < levels; level++) {
    const kid = level === levels - 1 ? page : level + 3;
    objects.push(`<< /Type /Pages /Kids [${Array(fanout).fill(`${kid} 0 R`).join(' ')}] /Count ${fanout ** (levels - level)} >>`);
  }
  const content = 'BT /F1 12 Tf 72 720 Td (The same page once more) Tj ET';
  objects.push(`<< /Type /Page /Parent ${levels + 1} 0 R /MediaBox [0 0 612 792] /Contents ${page + 1} 0 R /Resources << /Font << /F1 ${page + 2} 0 R >> >> >>`);
  objects.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  return Buffer.from(pdfOf(objects));
}

/** A corpus of one real document and the bomb. */
async function corpusWithBomb(): Promise<string> {
  const dir = await tempDir('bomb-corpus');
  await copyFile(path.join(defaultCorpusDir, 'lavrov-visit-new-strides.txt'), path.join(dir, 'lavrov-visit-new-strides.txt'));
  await writeFile(path.join(dir, 'bomb.pdf'), pdfBomb());
  return dir;
}

async function timedIngest(config: Config): Promise<{ summary: IngestSummary; seconds: number }> {
  const started = performance.now();
  const summary = await ingest({ config, log: silentLogger });
  return { summary, seconds: (performance.now() - started) / 1000 };
}

const bombFailure = (summary: IngestSummary) => summary.documents.failed.find((f) => f.path === 'bomb.pdf');

describe('a PDF whose page tree declares a million pages', () => {
  it('is small, and really is a valid PDF of a million pages', async () => {
    const bytes = pdfBomb();
    expect(bytes.length).toBeLessThan(1_600);
    const { PDFParse } = await import('pdf-parse');
    const parser = new PDFParse({ data: new Uint8Array(bytes) });
    expect((await parser.getText({ first: 1 })).total).toBe(1_000_000);
    await parser.destroy();
  });

  it('fails fast by the page cap with default settings, the other document is indexed, and the next ingest does not parse it again', async () => {
    const config = await testConfig({ corpusDir: await corpusWithBomb() });
    const first = await timedIngest(config);
    console.info(`pdf bomb, default limits: first ingest ${first.seconds.toFixed(1)} s`);
    expect(first.seconds).toBeLessThan(60);
    expect(first.summary.documents.added).toBe(1);
    // pdf.js walks the page tree while opening the file, before the page count can be checked:
    // on a loaded machine that alone may overrun the default 30 s time limit.
    expect(bombFailure(first.summary)?.error).toMatch(/^(PDF has 1000000 pages, more than the 5000 allowed \(QUIRE_PDF_MAX_PAGES\)|took longer than 30 s to parse \(QUIRE_PARSE_TIMEOUT_MS\); skipped)$/);

    const memo = JSON.parse(await readFile(path.join((await currentBuildDir(config.indexDir))!, PARSE_FAILURES_FILE), 'utf8'));
    expect(memo).toEqual([expect.objectContaining({ path: 'bomb.pdf', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })]);

    const second = await timedIngest(config);
    expect(bombFailure(second.summary)?.error).toMatch(/remembered from an earlier ingest.*not parsed again/);
    expect(second.summary.documents.unchanged).toBe(1);
  }, 120_000);

  it('is stopped by the time limit when the page cap lets it through, and the unchanged file costs nothing on the next ingest', async () => {
    const config = await testConfig({ corpusDir: await corpusWithBomb(), pdfMaxPages: 1_000_000, parseTimeoutMs: 4_000 });
    const first = await timedIngest(config);
    expect(bombFailure(first.summary)?.error).toBe('took longer than 4 s to parse (QUIRE_PARSE_TIMEOUT_MS); skipped');
    expect(first.seconds).toBeGreaterThanOrEqual(4);
    expect(first.seconds).toBeLessThan(60);

    const second = await timedIngest(config);
    console.info(`pdf bomb, 4 s time limit: first ingest ${first.seconds.toFixed(1)} s, second ${second.seconds.toFixed(1)} s`);
    expect(bombFailure(second.summary)?.error).toMatch(/^took longer than 4 s to parse .*remembered from an earlier ingest/);
    // Not parsed again: the second ingest is quicker than the time limit the first one waited out.
    expect(second.seconds).toBeLessThan(first.seconds - 3);
    expect(second.seconds).toBeLessThan(4);

    // Other limits, another verdict: the memo only holds under the limits it was made with.
    const third = await timedIngest({ ...config, parseTimeoutMs: 3_000 });
    expect(bombFailure(third.summary)?.error).toBe('took longer than 3 s to parse (QUIRE_PARSE_TIMEOUT_MS); skipped');
  }, 120_000);

  it('is stopped by the memory cap when it gets the time to grow', async () => {
    const config = await testConfig({ corpusDir: await corpusWithBomb(), pdfMaxPages: 1_000_000, parseTimeoutMs: 50_000, parseMemoryMb: 48 });
    const { summary, seconds } = await timedIngest(config);
    console.info(`pdf bomb, 48 MB heap: failed after ${seconds.toFixed(1)} s`);
    expect(bombFailure(summary)?.error).toBe('needed more than 48 MB of memory to parse (QUIRE_PARSE_MEMORY_MB); skipped');
    expect(summary.documents.added).toBe(1);
  }, 120_000);
});
