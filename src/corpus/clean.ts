/**
 * Text cleaning for every loaded document, whatever its format: normalise
 * characters and whitespace, drop page furniture (navigation, comment forms,
 * share widgets) and repeated content, and count what went. Pure and generic:
 * no rule knows about a particular site or corpus.
 * @module
 */
import { findNavigationLines, isBoilerplateLine } from './boilerplate.js';
import { normalizeText } from './normalize.js';
import { findDuplicateLines, removePageFurniture, removeRepeatedPassages } from './repeats.js';

export interface CleaningReport {
  /** Lines and passages dropped because they repeat earlier text of the same document. */
  duplicateParagraphs: number;
  /** Navigation, comment-form, share, page header/footer and similar lines dropped. */
  boilerplateLines: number;
}

export const emptyCleaningReport = (): CleaningReport => ({ duplicateParagraphs: 0, boilerplateLines: 0 });

/** Adds `more` into `total` (for corpus-wide totals). */
export function addCleaningReport(total: CleaningReport, more: CleaningReport): void {
  total.duplicateParagraphs += more.duplicateParagraphs;
  total.boilerplateLines += more.boilerplateLines;
}

export interface CleanOptions {
  /**
   * Look for a site navigation menu at the top. Right for scraped web pages; off for
   * formats whose opening short lines are content (a paper's author block).
   * @default true
   */
  navigation?: boolean;
}

/** Cleans `text`; form feeds in it separate pages, whose headers and footers go. */
export function cleanText(text: string, { navigation = true }: CleanOptions = {}): { text: string; report: CleaningReport } {
  const paged = removePageFurniture(text);
  const lines = normalizeText(paged.text).split('\n');

  const boilerplate = navigation ? findNavigationLines(lines) : new Set<number>();
  lines.forEach((line, i) => {
    if (line && isBoilerplateLine(line)) boilerplate.add(i);
  });
  const duplicates = findDuplicateLines(lines, boilerplate);

  const kept = lines.filter((_, i) => !boilerplate.has(i) && !duplicates.has(i)).join('\n');
  const passages = removeRepeatedPassages(kept);
  return {
    // Normalise again: dropped lines leave runs of blank lines and trailing spaces behind.
    text: normalizeText(passages.text),
    report: { duplicateParagraphs: duplicates.size + passages.removed, boilerplateLines: boilerplate.size + paged.removed },
  };
}
