/**
 * What `quire ask` shows under each source: the sentence of the chunk that the
 * answer quoted (or, for a generated sentence, the one it drew on), rather than
 * the chunk's opening words, which are often not what the answer used.
 * Pure: the answer text and the chunk in, a sentence out.
 * @module
 */
import { splitClaims } from '../answering/verify/claims.js';
import { splitSentences } from '../text/sentences.js';
import { contentTerms, hasTerm } from '../text/terms.js';

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();
/** Compared without a final full stop: the answer may end a quote the chunk continues ("…in Bishkek, Kyrgyzstan on the sidelines"). */
const bare = (text: string): string => squash(text).replace(/[.!?]+$/, '');

/**
 * The chunk's sentences the answer's sentences citing `chunkId` stand on, in chunk order, each once:
 * a sentence that holds the quote word for word, else the one sharing most of its content words.
 * The chunk's first sentence when no sentence of the answer cites it.
 */
export function quotedSentences(answer: string, chunkId: string, chunkText: string): string[] {
  const sentences = splitSentences(chunkText).map((s) => squash(s.text));
  if (sentences.length === 0) return [];
  const bodies = splitClaims(answer)
    .filter((claim) => claim.citedIds.includes(chunkId))
    .map((claim) => bare(claim.body));
  const used = new Set(bodies.map((body) => sourceOf(body, sentences)).filter((i) => i >= 0));
  return used.size === 0 ? [sentences[0]!] : [...used].sort((a, b) => a - b).map((i) => sentences[i]!);
}

/** Index of the chunk sentence a claim stands on, or -1 when none shares a content word. */
function sourceOf(body: string, sentences: readonly string[]): number {
  const verbatim = sentences.findIndex((sentence) => sentence.includes(body) || (body.length > 0 && body.includes(bare(sentence))));
  if (verbatim >= 0) return verbatim;
  const terms = contentTerms(body);
  let best = -1;
  let bestShared = 0;
  sentences.forEach((sentence, i) => {
    const own = new Set(contentTerms(sentence));
    const shared = terms.filter((term) => hasTerm(own, term)).length;
    if (shared > bestShared) [best, bestShared] = [i, shared];
  });
  return best;
}
