/**
 * Pure text work on answers and sources: splitting an answer at its
 * `[doc-id:n]` markers (remembering the words each marker cites), and finding
 * those words again inside a chunk so the source panel can highlight them.
 * @module
 */

/** `[doc:3]`, and the lenient `[a:1, b:2]` / `[a:1; b:2]` an LLM sometimes writes. */
const MARKER = /\[\s*([^\s[\]:,;]+:\d+(?:\s*[,;]\s*[^\s[\]:,;]+:\d+)*)\s*\]/g;

/**
 * @typedef {{ type: 'text', text: string }} TextPart
 * @typedef {{ type: 'cite', ids: string[], quote: string, raw: string }} CitePart
 */

/**
 * The answer as text and citation parts. A citation's `quote` is the text
 * between it and the previous citation: the sentence(s) it vouches for.
 * Adjacent markers (`… [a:1] [b:2].`) share one quote.
 * @returns {(TextPart | CitePart)[]}
 */
export const splitAnswer = (text) => createAnswerSplitter()(text);

/**
 * `splitAnswer` for an answer that arrives in runs (the text of rendered
 * Markdown's paragraphs, list items, bold words…): each call splits one run,
 * and a marker's quote may begin in earlier runs.
 * @returns {(run: string) => (TextPart | CitePart)[]}
 */
export function createAnswerSplitter() {
  /** Text since the last marker, across runs. */
  let since = '';
  let quote = '';
  return (text) => {
    const parts = [];
    let last = 0;
    for (const match of text.matchAll(MARKER)) {
      const between = text.slice(last, match.index);
      if (between) parts.push({ type: 'text', text: between });
      const fresh = cleanQuote(since + between);
      if (fresh) quote = fresh;
      since = '';
      parts.push({ type: 'cite', ids: match[1].split(/\s*[,;]\s*/), quote, raw: match[0] });
      last = match.index + match[0].length;
    }
    if (last < text.length) {
      parts.push({ type: 'text', text: text.slice(last) });
      since += text.slice(last);
    }
    return parts;
  };
}

/** Markers replaced by `[n]`, numbered in order of first citation: the answer as plain text to copy. */
export function numberMarkers(text, numberOf) {
  return text.replace(MARKER, (raw, ids) => {
    const numbers = ids.split(/\s*[,;]\s*/).map(numberOf).filter((n) => n !== undefined);
    return numbers.length ? numbers.map((n) => `[${n}]`).join('') : raw;
  });
}

/** Drops the punctuation left over from the previous sentence and its marker. */
const cleanQuote = (text) => text.replace(/^[\s.,;:!?)\]”’"']+/, '').trim();

/**
 * Where `quote` sits in `text`, as `{ start, end }` offsets into `text`, or null.
 * First an exact match ignoring whitespace differences (the extractive answer
 * quotes verbatim, but chunk text keeps the document's line breaks); then the
 * sentence sharing most of the quote's words (an LLM paraphrases).
 */
export function findQuote(text, quote) {
  const wanted = quote.replace(/\s+/g, ' ').trim();
  if (wanted.length < 3) return null;
  const { flat, offsets } = flatten(text);
  let at = flat.indexOf(wanted);
  if (at === -1) at = flat.toLowerCase().indexOf(wanted.toLowerCase());
  if (at !== -1) return { start: offsets[at], end: offsets[at + wanted.length - 1] + 1 };
  return bestSentence(text, wanted);
}

/** `text` with whitespace runs collapsed, and each flat index's offset in `text`. */
function flatten(text) {
  let flat = '';
  const offsets = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      if (flat === '' || flat.endsWith(' ')) continue;
      flat += ' ';
    } else flat += ch;
    offsets.push(i);
  }
  return { flat, offsets };
}

/** Below this share of the quote's words, no sentence counts as the quoted one. */
const MIN_OVERLAP = 0.6;

function bestSentence(text, quote) {
  const wanted = new Set(words(quote));
  if (wanted.size === 0) return null;
  let best = null;
  let bestScore = MIN_OVERLAP - Number.EPSILON;
  // A stop not followed by a space ("12.4", "U.S.A") is inside the sentence.
  for (const match of text.matchAll(/(?:[^.!?\n]|[.!?](?=[^\s.!?"”’)]))+(?:[.!?]+["”’)]*|(?=\n)|$)/g)) {
    const sentence = match[0];
    const have = new Set(words(sentence));
    let shared = 0;
    for (const word of wanted) if (have.has(word)) shared++;
    const score = shared / wanted.size;
    if (score > bestScore) {
      bestScore = score;
      const lead = sentence.length - sentence.trimStart().length;
      best = { start: match.index + lead, end: match.index + sentence.trimEnd().length };
    }
  }
  return best;
}

const words = (text) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
