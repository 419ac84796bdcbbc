/**
 * Document → chunks: runs of whole sentences of about `chunkWords` words, each
 * starting with about `chunkOverlapWords` words of whole sentences from the end
 * of the previous chunk, so a fact split across a boundary is still found whole.
 * Chunks end at a paragraph break when one falls late enough in the chunk.
 * Deterministic and pure: the same text and settings always give the same
 * chunks, which is what keeps chunk ids (`<docId>:<n>`) stable.
 * @module
 */
import type { Chunk, Document } from '../types.js';
import { splitSentences } from '../text/sentences.js';

export interface ChunkerSettings {
  /** Target words per chunk; a chunk can exceed it by up to a third when a short tail is folded in. */
  chunkWords: number;
  /** Words of whole sentences repeated from the previous chunk; capped at half of `chunkWords`. */
  chunkOverlapWords: number;
}

export interface Chunker {
  readonly settings: ChunkerSettings;
  split(doc: Document): Promise<Chunk[]>;
}

/** A sentence, or a word-boundary piece of a sentence too long for one chunk. */
interface Unit {
  start: number;
  end: number;
  words: number;
  /** A line break follows: the unit ends a paragraph, heading or list item. */
  paragraphEnd: boolean;
}

/** A chunk may end early at a paragraph break once it holds this share of `chunkWords`. */
const PARAGRAPH_BREAK_SHARE = 2 / 3;
/** A last chunk adding fewer new words than this share of `chunkWords` is folded into the one before. */
const TAIL_SHARE = 1 / 3;

export function createChunker(settings: ChunkerSettings): Chunker {
  const { chunkWords, chunkOverlapWords } = settings;
  if (!Number.isInteger(chunkWords) || chunkWords < 1) throw new RangeError(`chunkWords must be a positive integer, got ${chunkWords}`);
  if (!Number.isInteger(chunkOverlapWords) || chunkOverlapWords < 0) {
    throw new RangeError(`chunkOverlapWords must be a non-negative integer, got ${chunkOverlapWords}`);
  }
  const resolved: ChunkerSettings = Object.freeze({ chunkWords, chunkOverlapWords });
  return { settings: resolved, split: async (doc) => chunkDocument(doc, resolved) };
}

// Sentences are packed here rather than by LangChain's RecursiveCharacterTextSplitter: it measures
// characters, returns no offsets into the source, and its overlap is a character count, not whole sentences.
export function chunkDocument(doc: Document, settings: ChunkerSettings): Chunk[] {
  const units = toUnits(doc.text, settings.chunkWords);
  return pack(units, settings).map(([first, last], n) => {
    const start = (units[first] as Unit).start;
    const end = (units[last - 1] as Unit).end;
    return { id: `${doc.id}:${n}`, docId: doc.id, n, text: doc.text.slice(start, end), start, end };
  });
}

function toUnits(text: string, maxWords: number): Unit[] {
  const units: Unit[] = [];
  for (const sentence of splitSentences(text)) {
    const words = Array.from(text.slice(sentence.start, sentence.end).matchAll(/\S+/g), (m) => ({
      start: sentence.start + m.index,
      end: sentence.start + m.index + m[0].length,
    }));
    for (const [from, to] of cutPoints(text, words, maxWords)) {
      const start = (words[from] as { start: number }).start;
      const end = (words[to - 1] as { end: number }).end;
      units.push({ start, end, words: to - from, paragraphEnd: false });
    }
  }
  units.forEach((unit, i) => {
    const next = units[i + 1];
    unit.paragraphEnd = next === undefined || text.slice(unit.end, next.start).includes('\n');
  });
  return units;
}

/**
 * Word ranges of at most `maxWords` covering a sentence. An overlong "sentence" is
 * usually a list or table without full stops, so a line break is the preferred cut;
 * otherwise the pieces are of even size, leaving no scrap at the end.
 */
function cutPoints(text: string, words: ReadonlyArray<{ start: number; end: number }>, maxWords: number): Array<[number, number]> {
  if (words.length <= maxWords) return [[0, words.length]];
  const size = Math.ceil(words.length / Math.ceil(words.length / maxWords));
  const lineBreakBefore = (k: number) => text.slice((words[k - 1] as { end: number }).end, (words[k] as { start: number }).start).includes('\n');
  const cuts: Array<[number, number]> = [];
  let from = 0;
  while (words.length - from > maxWords) {
    let to = from + size;
    for (let k = from + maxWords; k > from + maxWords / 2; k--) {
      if (lineBreakBefore(k)) {
        to = k;
        break;
      }
    }
    cuts.push([from, to]);
    from = to;
  }
  cuts.push([from, words.length]);
  return cuts;
}

/** Unit ranges `[first, last)` of each chunk. */
function pack(units: readonly Unit[], { chunkWords, chunkOverlapWords }: ChunkerSettings): Array<[number, number]> {
  const overlap = Math.min(chunkOverlapWords, Math.floor(chunkWords / 2));
  const words = (from: number, to: number) => units.slice(from, to).reduce((sum, unit) => sum + unit.words, 0);
  const ranges: Array<[number, number]> = [];
  let first = 0;
  let covered = 0; // units before this index are already in some chunk

  while (covered < units.length) {
    let last = first;
    let total = 0;
    while (last < units.length && (last === covered || total + (units[last] as Unit).words <= chunkWords)) total += (units[last++] as Unit).words;
    if (last < units.length) last = preferParagraphEnd(units, first, last, covered + 1, chunkWords);
    ranges.push([first, last]);
    covered = last;
    if (covered >= units.length) break;

    // Whole sentences from the end of this chunk open the next one, while the next one still has room for new text.
    let next = last;
    let shared = 0;
    while (next - 1 > first && shared < overlap && shared + (units[next - 1] as Unit).words <= overlap * 1.5) shared += (units[--next] as Unit).words;
    while (next < last && words(next, last + 1) > chunkWords) next++;
    first = next;
  }
  return foldTail(ranges, words, chunkWords);
}

/** Moves the chunk end back to the last paragraph break that still leaves the chunk well filled. */
function preferParagraphEnd(units: readonly Unit[], first: number, last: number, minLast: number, chunkWords: number): number {
  let total = units.slice(first, last).reduce((sum, unit) => sum + unit.words, 0);
  for (let end = last; end > minLast; end--) {
    if ((units[end - 1] as Unit).paragraphEnd) return end;
    total -= (units[end - 1] as Unit).words;
    if (total < chunkWords * PARAGRAPH_BREAK_SHARE) break;
  }
  return last;
}

/** A last chunk that adds only a few words is merged into the previous one. */
function foldTail(ranges: Array<[number, number]>, words: (from: number, to: number) => number, chunkWords: number): Array<[number, number]> {
  const last = ranges.at(-1);
  const previous = ranges.at(-2);
  if (!last || !previous || words(previous[1], last[1]) >= chunkWords * TAIL_SHARE) return ranges;
  return [...ranges.slice(0, -2), [previous[0], last[1]]];
}
