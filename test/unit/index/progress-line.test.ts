import { describe, expect, it } from 'vitest';
import { createIngestProgressLines } from '../../../src/cli/progress.js';
import { formatProgressLine, parseProgressLine } from '../../../src/index/progress-line.js';

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
