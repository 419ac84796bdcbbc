/**
 * Eval scoring, pure: does a text contain an expected fact or the evidence
 * passage, and the summary statistics of a run.
 * @module
 */
import { foldText } from '../text/tokenize.js';

/** Case-, accent-, quote- and whitespace-insensitive containment. */
export function containsText(haystack: string, needle: string): boolean {
  const fold = (s: string) => foldText(s).replace(/["“”]/g, '"').replace(/\s+/g, ' ').trim();
  return fold(haystack).includes(fold(needle));
}

export const containsAny = (text: string, expected: readonly string[]): boolean => expected.some((e) => containsText(text, e));

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const ratio = (hits: number, total: number): number | null => (total === 0 ? null : hits / total);
