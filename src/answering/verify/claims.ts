/**
 * A generated answer as the claims it makes: its sentences, each with the
 * chunk ids it cites and the Markdown block (paragraph, list item, heading,
 * quote) it stands in. Models put the marker before or after the full stop
 * ("… in 2012 [a:3]." or "… in 2012. [a:3]"); either way it belongs to the
 * sentence it follows. A block's marker ("- ", "2. ", "## ") is structure, not
 * part of any sentence, so "2." is never read as a sentence of its own.
 * @module
 */
import { splitSentences } from '../../text/sentences.js';
import { parseCitations } from '../citations.js';

export interface Claim {
  /** The sentence as the model wrote it, markers included. */
  text: string;
  /** The sentence without its citation markers: what has to be supported. */
  body: string;
  /** Ids its markers name, in order, each once. */
  citedIds: string[];
  /** Offset of the sentence in the text it was split from. */
  start: number;
  /** Offset just past the sentence (and a citation marker that followed its full stop). */
  end: number;
  /** Index of its Markdown block in the text: claims of one block share it. */
  block: number;
  /** The block's Markdown line marker ("- ", "1. ", "## ", "> "), or "" for a paragraph. */
  marker: string;
  /** Line breaks between its block and the one before: 2 after a blank line, 1 otherwise, 0 for the first block. */
  breaks: number;
}

/** Bracketed groups: citation markers when every part is a chunk id (see citations.ts). */
const BRACKETS = /\s*\[[^[\]\n]{1,500}\]/g;
/** A piece that opens with a marker, or with what may become one when more tokens arrive. */
const LEADING_MARKER = /^\[[^\]\n]*(\]|$)/;
/**
 * What opens a Markdown block at the start of a line (CommonMark: ATX headings, bullet and
 * ordered list items, block quotes). A line without one continues the block above it unless
 * a blank line came between (a soft line break).
 */
const BLOCK_MARKER = /^[ \t]{0,3}(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,9}[.)][ \t]+|>[ \t]?)/;

interface Block {
  text: string;
  start: number;
  marker: string;
  breaks: number;
}

export function splitClaims(text: string): Claim[] {
  const claims: Claim[] = [];
  blocksOf(text).forEach(({ text: blockText, start: blockStart, marker, breaks }, block) => {
    let previous: { text: string; start: number; end: number } | undefined;
    const pieces: { text: string; start: number; end: number }[] = [];
    for (const sentence of splitSentences(blockText)) {
      const start = blockStart + sentence.start;
      // "In 2012. [a:3] Then…": the splitter cut after the full stop; the marker goes back.
      const leading = LEADING_MARKER.exec(sentence.text);
      if (leading && previous) {
        previous.text += ` ${leading[0]}`;
        previous.end = start + leading[0].length;
        const rest = sentence.text.slice(leading[0].length);
        const restStart = start + leading[0].length + (rest.length - rest.trimStart().length);
        if (rest.trim()) pieces.push((previous = { text: rest.trim(), start: restStart, end: restStart + rest.trim().length }));
        continue;
      }
      pieces.push((previous = { text: sentence.text, start, end: blockStart + sentence.end }));
    }
    for (const piece of pieces) claims.push({ ...toClaim(piece.text, piece.start), end: piece.end, block, marker, breaks });
  });
  return claims;
}

export function toClaim(text: string, start = 0): Omit<Claim, 'end' | 'block' | 'marker' | 'breaks'> {
  const citedIds = parseCitations(text);
  const body = citedIds.length > 0 ? stripMarkers(text) : text;
  return { text, body, citedIds, start };
}

/** The Markdown blocks of the text: each one's text after its line marker, where that text starts, and the marker. */
function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  let blank = false;
  let offset = 0;
  for (const line of text.split('\n')) {
    const lineStart = offset;
    offset += line.length + 1;
    if (!line.trim()) {
      [current, blank] = [undefined, blocks.length > 0];
      continue;
    }
    const marker = BLOCK_MARKER.exec(line)?.[0] ?? '';
    if (current && !marker) {
      current.text += `\n${line}`;
      continue;
    }
    current = { text: line.slice(marker.length), start: lineStart + marker.length, marker: marker ? `${marker.trim()} ` : '', breaks: blocks.length === 0 ? 0 : blank ? 2 : 1 };
    blocks.push(current);
    blank = false;
  }
  return blocks;
}

/** The text without citation markers ("[sic]" and "[1]" are not markers and stay). */
function stripMarkers(text: string): string {
  return text
    .replace(BRACKETS, (marker) => (parseCitations(marker).length > 0 ? '' : marker))
    .replace(/\s+([.,;:!?])/g, '$1')
    .trim();
}
