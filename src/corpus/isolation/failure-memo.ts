/**
 * Files that failed to parse, remembered by content (sha256) so an unchanged
 * bad file is not parsed again on the next ingest: a hostile PDF then costs
 * its time limit once, not on every ingest. Kept in each build directory
 * (`parse-failures.json`, written before the manifest, so it is published
 * atomically with the build it belongs to). A failure counts only under the
 * same limits: raise QUIRE_PARSE_TIMEOUT_MS and the file is tried again.
 * @module
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { ParseLimits } from './parse-process.js';

export const PARSE_FAILURES_FILE = 'parse-failures.json';

const failureSchema = z.object({
  sha256: z.string(),
  path: z.string(),
  reason: z.string(),
  limits: z.object({ timeoutMs: z.number(), memoryMb: z.number(), maxPages: z.number() }),
});

export type ParseFailure = z.infer<typeof failureSchema>;

/** The failures remembered in a build directory; none when it has no (readable) file. */
export async function readParseFailures(buildDir: string): Promise<ParseFailure[]> {
  const text = await readFile(path.join(buildDir, PARSE_FAILURES_FILE), 'utf8').catch(() => null);
  if (text === null) return [];
  try {
    return z.array(failureSchema).parse(JSON.parse(text));
  } catch {
    // A damaged memo only costs re-parsing.
    return [];
  }
}

export async function writeParseFailures(buildDir: string, failures: readonly ParseFailure[]): Promise<void> {
  await writeFile(path.join(buildDir, PARSE_FAILURES_FILE), JSON.stringify(failures, null, 2));
}

const sameLimits = (a: ParseLimits, b: ParseLimits): boolean => a.timeoutMs === b.timeoutMs && a.memoryMb === b.memoryMb && a.maxPages === b.maxPages;

/** sha256 → the remembered reason, for failures under exactly these limits. */
export function failureLookup(failures: readonly ParseFailure[], limits: ParseLimits): (sha256: string) => string | undefined {
  const bySha = new Map(failures.filter((f) => sameLimits(f.limits, limits)).map((f) => [f.sha256, f.reason]));
  return (sha256) => bySha.get(sha256);
}
