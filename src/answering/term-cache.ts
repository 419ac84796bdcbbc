/**
 * Content terms of the texts answering sees again and again — the sentences and chunks of
 * a loaded index come back with every question about them — remembered (bounded, oldest
 * out first), so a warm `/ask` tokenizes little more than the question.
 * @module
 */
import { contentTerms } from '../text/terms.js';

const MAX_ENTRIES = 50_000;
const known = new Map<string, readonly string[]>();

/** `contentTerms(text)`, remembered. */
export function cachedTerms(text: string): readonly string[] {
  let terms = known.get(text);
  if (terms === undefined) {
    terms = contentTerms(text);
    if (known.size >= MAX_ENTRIES) known.delete(known.keys().next().value!);
    known.set(text, terms);
  }
  return terms;
}
