/**
 * Repeated content within one document: whole lines seen before, long
 * passages pasted twice (scrapers and PDF converters double text, sometimes
 * inside one paragraph: "A. B. C A. B. C."), where the first copy is kept;
 * and page furniture — the header and footer a browser's "Save as PDF" or a
 * word processor prints on every page — where no copy is.
 * @module
 */
import { countWords } from './normalize.js';

/** Lines shorter than this may legitimately repeat ("Ibid.", "}"), so they are never dropped as duplicates. */
const MIN_DUPLICATE_LINE_WORDS = 3;
/**
 * A repeated passage must be at least this long. Articles quote the same phrase
 * twice (the default corpus has 18-word repeats that are real writing); a
 * 30-word run copied word for word is an artefact.
 */
export const MIN_REPEAT_WORDS = 30;
/** Words per shingle used to find candidate earlier copies. */
const SHINGLE = 8;
/** Earlier positions of one shingle that are compared: bounds the work on very repetitive text (number tables). */
const MAX_CANDIDATES = 16;
/** Longest copy compared in one go; a longer one is removed in several pieces. */
const MAX_PASSAGE_WORDS = 5000;

const lineKey = (line: string): string => line.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * Lines at each end of a page searched for furniture. A browser prints its header on one
 * or two lines (date and title) and its footer likewise (file URL and "1/4"); three leaves
 * room for a running head and a page number line without reaching into the body.
 */
const PAGE_EDGE_LINES = 3;
/**
 * Furniture stands on at least this share of the pages, and on all but one at the least (a
 * title page often has none), and on two at least: a heading that recurs on some pages is content.
 */
const FURNITURE_PAGE_SHARE = 0.8;

/** The line with every run of digits the same: "Printed 12/1/26 … 1/4" and "Printed 12/1/26 … 2/4" meet. */
const furnitureKey = (line: string): string => lineKey(line.replace(/\p{N}+/gu, '0'));

/**
 * Drops page furniture from text whose pages are separated by form feeds (the PDF loader
 * writes them, as pdftotext does): lines near the top or bottom of a page that, once
 * digits are ignored, stand in the same place (nth line from the top, or from the bottom)
 * on nearly every page. The pages come back joined by line breaks, so a sentence running
 * over a page break is whole again.
 */
export function removePageFurniture(text: string): { text: string; removed: number } {
  const pages = text.split('\f').map((page) => page.split('\n'));
  if (pages.length < 2) return { text, removed: 0 };
  const edges = pages.map((lines) => edgeLines(lines).map(({ index, places }) => ({ index, keys: places.map((place) => `${place} ${furnitureKey(lines[index]!)}`) })));
  const pagesByKey = new Map<string, Set<number>>();
  edges.forEach((lines, page) => {
    for (const { keys } of lines) for (const key of keys) pagesByKey.set(key, (pagesByKey.get(key) ?? new Set()).add(page));
  });
  const needed = Math.max(2, Math.min(pages.length - 1, Math.ceil(FURNITURE_PAGE_SHARE * pages.length)));
  let removed = 0;
  const kept = pages.map((lines, page) => {
    const furniture = new Set(edges[page]!.filter(({ keys }) => keys.some((key) => pagesByKey.get(key)!.size >= needed)).map(({ index }) => index));
    removed += furniture.size;
    return lines.filter((_, i) => !furniture.has(i)).join('\n');
  });
  return { text: kept.join('\n'), removed };
}

/**
 * The first and last PAGE_EDGE_LINES non-blank lines of a page with their places ("top 0",
 * "bottom 1"); on a short page a line may have both, and matches other pages by either.
 */
function edgeLines(lines: readonly string[]): { index: number; places: string[] }[] {
  const filled = lines.flatMap((line, i) => (line.trim() ? [i] : []));
  const places = new Map<number, string[]>();
  const add = (index: number, place: string) => places.set(index, [...(places.get(index) ?? []), place]);
  filled.slice(0, PAGE_EDGE_LINES).forEach((index, n) => add(index, `top ${n}`));
  filled.slice(-PAGE_EDGE_LINES).reverse().forEach((index, n) => add(index, `bottom ${n}`));
  return [...places].map(([index, at]) => ({ index, places: at }));
}

/** Indices of lines that repeat an earlier line (compared case- and punctuation-insensitively). */
export function findDuplicateLines(lines: readonly string[], skip: ReadonlySet<number> = new Set()): Set<number> {
  const seen = new Set<string>();
  const duplicates = new Set<number>();
  lines.forEach((line, i) => {
    if (skip.has(i) || countWords(line) < MIN_DUPLICATE_LINE_WORDS) return;
    const key = lineKey(line);
    if (seen.has(key)) duplicates.add(i);
    else seen.add(key);
  });
  return duplicates;
}

interface Token {
  key: string;
  start: number;
  end: number;
}

const tokenize = (text: string): Token[] =>
  Array.from(text.matchAll(/[\p{L}\p{N}]+/gu), (m) => ({ key: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length }));

// Before a passage: start of text, a line break, or the end of a sentence.
const startsClean = (text: string, at: number): boolean => at === 0 || /(\n|[.!?:;]["')\]]*)[ ]*$/.test(text.slice(Math.max(0, at - 8), at));
// After a passage: end of text, a line break, or sentence punctuation.
const endsClean = (text: string, at: number): boolean => {
  const after = /["')\]]*([.!?;:]|[ ]*\n)|["')\]]*[ ]*$/y;
  after.lastIndex = at;
  return after.test(text);
};

/**
 * Removes later copies of passages of at least `MIN_REPEAT_WORDS` words that begin
 * and end on sentence boundaries. When the copy directly follows the original
 * ("A B C A B C."), the text between the two copies' last words goes, so the
 * kept copy inherits the final punctuation.
 */
export function removeRepeatedPassages(text: string): { text: string; removed: number } {
  const tokens = tokenize(text);
  const shingles = new Map<string, number[]>();
  const cuts: Array<[number, number]> = [];

  for (let j = 0; j + SHINGLE <= tokens.length; ) {
    const key = tokens.slice(j, j + SHINGLE).map((t) => t.key).join(' ');
    const best = longestEarlierCopy(text, tokens, shingles.get(key) ?? [], j);
    const cut = best && passageCut(text, tokens, best.i, j, best.length);
    if (cut) {
      cuts.push(cut);
      j += best.length;
      continue;
    }
    const positions = shingles.get(key);
    if (!positions) shingles.set(key, [j]);
    else if (positions.length < MAX_CANDIDATES) positions.push(j);
    j++;
  }
  if (cuts.length === 0) return { text, removed: 0 };

  let out = '';
  let from = 0;
  for (const [start, end] of cuts) {
    out += text.slice(from, start);
    from = end;
  }
  out += text.slice(from);
  return { text: out, removed: cuts.length };
}

/**
 * The longest earlier copy of the text at token `j`. Mid-sentence only a copy ending
 * exactly at `j` counts — the "A B C A B C" case — which keeps the
 * search cheap: most positions are mid-sentence.
 */
function longestEarlierCopy(text: string, tokens: readonly Token[], candidates: readonly number[], j: number): { i: number; length: number } | null {
  const atSentenceStart = startsClean(text, (tokens[j] as Token).start);
  let best: { i: number; length: number } | null = null;
  for (const i of candidates) {
    // The earlier copy must end before the later one starts.
    const room = Math.min(j - i, tokens.length - j, MAX_PASSAGE_WORDS);
    if (room < MIN_REPEAT_WORDS) continue;
    // Mid-sentence, only an adjacent copy can count, and only if it would end on a sentence end: check that first.
    if (!atSentenceStart && (room !== j - i || !endsClean(text, (tokens[j + room - 1] as Token).end))) continue;
    let length = 0;
    while (length < room && tokens[i + length]?.key === tokens[j + length]?.key) length++;
    if (!atSentenceStart && length !== j - i) continue;
    if (length >= MIN_REPEAT_WORDS && (!best || length > best.length)) best = { i, length };
  }
  return best;
}

/** The character range to delete for a later copy, or null when it does not sit on sentence boundaries. */
function passageCut(text: string, tokens: readonly Token[], i: number, j: number, length: number): [number, number] | null {
  const first = tokens[j] as Token;
  const earlierLast = tokens[i + length - 1] as Token;
  const laterLast = tokens[j + length - 1] as Token;
  const adjacent = i + length === j && /^[\s.,;:!?"')\]]*$/.test(text.slice(earlierLast.end, first.start));
  if (adjacent && endsClean(text, laterLast.end)) return [earlierLast.end, laterLast.end];
  if (!startsClean(text, first.start)) return null;

  // Shorten the copy to its last sentence end, as long as it stays long enough.
  for (let k = length; k >= MIN_REPEAT_WORDS; k--) {
    const last = tokens[j + k - 1] as Token;
    if (!endsClean(text, last.end)) continue;
    const tail = /["')\]]*[.!?;:]?["')\]]*[ ]*/y;
    tail.lastIndex = last.end;
    tail.exec(text);
    return [first.start, tail.lastIndex];
  }
  return null;
}
