/**
 * A generated answer as the claims it makes: its sentences, each with the
 * chunk ids it cites. Models put the marker before or after the full stop
 * ("… in 2012 [a:3]." or "… in 2012. [a:3]"); either way it belongs to the
 * sentence it follows.
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
}

/** Bracketed groups: citation markers when every part is a chunk id (see citations.ts). */
const BRACKETS = /\s*\[[^[\]\n]{1,500}\]/g;
/** A piece that opens with a marker, or with what may become one when more tokens arrive. */
const LEADING_MARKER = /^\[[^\]\n]*(\]|$)/;

export function splitClaims(text: string): Claim[] {
  const pieces: { text: string; start: number }[] = [];
  for (const { text: sentence, start } of splitSentences(text)) {
    // "In 2012. [a:3] Then…": the splitter cut after the full stop; the marker goes back.
    const marker = LEADING_MARKER.exec(sentence);
    const previous = pieces.at(-1);
    if (marker && previous) {
      previous.text += ` ${marker[0]}`;
      const rest = sentence.slice(marker[0].length);
      if (rest.trim()) pieces.push({ text: rest.trim(), start: start + marker[0].length + (rest.length - rest.trimStart().length) });
      continue;
    }
    pieces.push({ text: sentence, start });
  }
  return pieces.map(({ text: piece, start }) => toClaim(piece, start));
}

export function toClaim(text: string, start = 0): Claim {
  const citedIds = parseCitations(text);
  const body = citedIds.length > 0 ? stripMarkers(text) : text;
  return { text, body, citedIds, start };
}

/** The text without citation markers ("[sic]" and "[1]" are not markers and stay). */
function stripMarkers(text: string): string {
  return text
    .replace(BRACKETS, (marker) => (parseCitations(marker).length > 0 ? '' : marker))
    .replace(/\s+([.,;:!?])/g, '$1')
    .trim();
}
