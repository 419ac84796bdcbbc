import { describe, expect, it } from 'vitest';
import { createIngestProgressLines } from '../../../src/cli/progress.js';
import { formatFailureLine, formatProgressLine, formatSummaryLine, parseOutcome, parseProgressLine } from '../../../src/ingest/protocol.js';

describe('ingest progress lines', () => {
  it('round-trip, and look like any other log line', () => {
    const line = formatProgressLine({ phase: 'embed', done: 3, total: 10 });
    expect(line.endsWith('\n')).toBe(true);
    expect(JSON.parse(line)).toMatchObject({ level: 'info', msg: 'ingest progress', time: expect.any(String) });
    expect(parseProgressLine(line)).toEqual({ phase: 'embed', done: 3, total: 10 });
  });

  it.each([
    ['another log line', '{"level":"warn","msg":"document skipped","path":"a.pdf"}'],
    ['not JSON', 'quire: ingest progress went wrong'],
    ['an unknown phase', '{"msg":"ingest progress","phase":"dance","done":1,"total":2}'],
    ['a non-numeric count', '{"msg":"ingest progress","phase":"embed","done":"1","total":2}'],
    ['truncated JSON', '{"msg":"ingest progress","phase":"embed","do'],
  ])('ignores %s', (_what, line) => {
    expect(parseProgressLine(line)).toBeNull();
  });

  it('are throttled within a phase, but phase changes and completion always print', () => {
    const lines: string[] = [];
    let now = 0;
    const reporter = createIngestProgressLines({ write: (line: string) => lines.push(line) } as unknown as NodeJS.WritableStream, () => now);
    reporter.update({ phase: 'load', done: 5, total: 5 });
    reporter.update({ phase: 'embed', done: 0, total: 100 });
    for (let done = 10; done < 100; done += 10) {
      now += 50;
      reporter.update({ phase: 'embed', done, total: 100 });
    }
    reporter.update({ phase: 'embed', done: 100, total: 100 });
    const parsed = lines.map(parseProgressLine);
    expect(parsed[0]).toEqual({ phase: 'load', done: 5, total: 5 });
    expect(parsed.at(-1)).toEqual({ phase: 'embed', done: 100, total: 100 });
    expect(lines.length).toBeLessThan(6);
  });
});

describe('the ingest child’s outcome on stdout', () => {
  const summary = {
    documents: { added: 1, changed: 0, removed: 0, unchanged: 4, failed: [{ path: 'bad.pdf', error: 'no text layer' }] },
    chunks: 70,
    embedded: 3,
    ms: 1234,
    embedder: { kind: 'corpus' as const, modelId: 'quire-corpus-x', dims: 256 },
    buildDir: '/tmp/index/builds/1',
    cleaning: { duplicateParagraphs: 0, boilerplateLines: 0 },
  };

  it('reads back the summary line the command writes, after any other output', () => {
    const { cleaning: _cleaning, ...json } = summary;
    const stdout = `some noise\n${formatSummaryLine(summary as never)}`;
    expect(parseOutcome(stdout)).toEqual({ summary: json });
  });

  it('reads back a failure line', () => {
    expect(parseOutcome(formatFailureLine({ code: 'corpus_empty', message: 'No readable documents' }))).toEqual({ failure: { code: 'corpus_empty', message: 'No readable documents' } });
  });

  it.each([
    ['nothing', ''],
    ['a crash trace', 'TypeError: x is undefined\n    at foo (bar.js:1:1)'],
    ['a summary missing its build', '{"documents":{"added":1,"changed":0,"removed":0,"unchanged":0,"failed":[]},"chunks":1,"embedded":1,"ms":1,"embedder":{"kind":"corpus","modelId":"m","dims":8}}'],
    ['an error without a message', '{"error":{"code":"internal"}}'],
  ])('is neither for %s', (_what, stdout) => {
    expect(parseOutcome(stdout)).toBeNull();
  });
});
