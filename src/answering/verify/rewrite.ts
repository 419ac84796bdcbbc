/**
 * Sanity checks on an LLM's standalone rewrite of a follow-up question. The
 * rewrite becomes the search query, so a model that answered instead of
 * rewriting ("Lavrov visited Islamabad in 2012 [lavrov-visit:7]") or drifted
 * to another subject would send retrieval somewhere the user never asked about.
 * @module
 */
import type { Turn } from '../../types.js';
import { splitSentences } from '../../text/sentences.js';
import { contentTerms, hasTerm } from '../../text/terms.js';
import { parseCitations } from '../citations.js';

/**
 * A rewrite names what the follow-up's pronouns stood for, so it grows — "When did he
 * arrive?" (4 words) → "When did General Ashfaq Parvez Kayani arrive in Moscow?" (9) —
 * but by names, not by clauses: twice the question plus a dozen words is far more than
 * any substitution needs and far less than a typical answer paragraph.
 */
const GROWTH_FACTOR = 2;
const GROWTH_WORDS = 12;

/** The phrase the answer prompt tells the model to give when the sources are silent. */
const REFUSAL = /\bdocuments don'?t say\b/i;

export type RewriteVerdict = { ok: true } | { ok: false; reason: string };

export function checkRewrite(rewrite: string, question: string, history: readonly Turn[]): RewriteVerdict {
  const rewriteWords = wordCount(rewrite);
  const limit = GROWTH_FACTOR * wordCount(question) + GROWTH_WORDS;
  if (rewriteWords > limit) return { ok: false, reason: `it is ${rewriteWords} words long, more than ${limit} for a ${wordCount(question)}-word question` };
  if (parseCitations(rewrite).length > 0 || /\[[^\]]*:\d+\]/.test(rewrite)) return { ok: false, reason: 'it contains citation markers' };
  if (looksLikeAnswer(rewrite, question)) return { ok: false, reason: 'it reads as an answer, not a question' };
  const context = new Set(contentTerms([question, ...history.flatMap((turn) => [turn.rewritten || turn.question, turn.answer])].join(' ')));
  const terms = contentTerms(rewrite);
  if (terms.length > 0 && !terms.some((term) => hasTerm(context, term))) {
    return { ok: false, reason: 'it shares no content word with the question or the conversation' };
  }
  return { ok: true };
}

/**
 * A statement where a question was asked: the refusal phrase, more sentences than the
 * question had, or a full stop / exclamation mark ending a rewrite of a question.
 */
function looksLikeAnswer(rewrite: string, question: string): boolean {
  if (REFUSAL.test(rewrite)) return true;
  if (splitSentences(rewrite).length > Math.max(1, splitSentences(question).length)) return true;
  return question.trim().endsWith('?') && /[.!]["'”’)]*$/.test(rewrite.trim());
}

const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;
