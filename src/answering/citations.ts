/**
 * Citation markers in answer text — `[doc-id:3]`, or several ids in one bracket
 * (`[a:1, b:2]`, `[a:1; b:2]`) — shared by extractive and generated answers.
 * The check is the last gate before an answer reaches the user: no marker may
 * name a chunk that retrieval did not return (a model can invent one).
 * @module
 */

/** A chunk id: a document slug, a colon, the chunk's number. */
const ID = /^[\p{L}\p{N}][\p{L}\p{N}._-]*:\d+$/u;
/** A bracketed group; it is a citation marker when every part is a chunk id. */
const BRACKET = /\[([^[\]\n]{1,500})\]/g;

/** The ids of a bracket's content, or null when it is not a citation marker ("[1]", "[sic]"). */
function markerIds(content: string): string[] | null {
  const parts = content.split(/[,;]/).map((part) => part.trim());
  return parts.length > 0 && parts.every((part) => ID.test(part)) ? parts : null;
}

/** Cited ids in order of first appearance, each once. */
export function parseCitations(text: string): string[] {
  const ids = new Set<string>();
  for (const m of text.matchAll(BRACKET)) for (const id of markerIds(m[1]!) ?? []) ids.add(id);
  return [...ids];
}

export interface CheckedCitations {
  /** The text with markers of unknown ids removed (or trimmed to their known ids). */
  text: string;
  /** Cited ids that were retrieved, in order, each once. */
  valid: string[];
  /** Cited ids that were not retrieved, in order, each once. */
  invalid: string[];
}

export function checkCitations(text: string, retrievedIds: ReadonlySet<string>): CheckedCitations {
  const valid = new Set<string>();
  const invalid = new Set<string>();
  const rewritten = text.replace(BRACKET, (marker, content: string) => {
    const ids = markerIds(content);
    if (!ids) return marker;
    const kept = ids.filter((id) => retrievedIds.has(id));
    for (const id of ids) (retrievedIds.has(id) ? valid : invalid).add(id);
    if (kept.length === ids.length) return marker;
    return kept.length > 0 ? `[${[...new Set(kept)].join(', ')}]` : '';
  });
  return { text: invalid.size > 0 ? tidy(rewritten) : rewritten, valid: [...valid], invalid: [...invalid] };
}

/** Closes the gaps a removed marker leaves: empty parentheses, doubled spaces, a space before punctuation or a line end. */
function tidy(text: string): string {
  return text
    .replace(/\(\s*\)/g, '')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/[ \t]+([.,;:!?)])/g, '$1')
    .replace(/[ \t]+$/gm, '')
    .trim();
}
