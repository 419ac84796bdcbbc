/**
 * Boilerplate line detection: comment-form prompts, share and "read more"
 * widgets, obfuscated e-mail lines, and a site navigation menu at the top of a
 * page. Generic patterns only, and deliberately conservative: a line that reads
 * like a sentence of the article is never boilerplate.
 * @module
 */
import { countWords } from './normalize.js';

/** Longest line (in words) that a boilerplate pattern may drop: longer lines are content. */
const MAX_BOILERPLATE_WORDS = 12;

// Matched against the whole lower-cased line with trailing punctuation removed.
const BOILERPLATE_PATTERNS: readonly RegExp[] = [
  /^leave a (reply|comment)\b/,
  /\byour email address will not be published\b/,
  /^required fields are marked\b/,
  /^(post|add) a comment$/,
  /^(share|share this( article| post| story| page)?|share (on|via) [\w ]+|tweet|print( this)?( article| page)?)$/,
  /^(read more|read the full (article|story)|continue reading|must read|related (posts|articles|stories|news)|you may also like|recommended for you)$/,
  /^click here\b/,
  /^subscribe\b/,
  /^(previous|next) (post|article|story)\b/,
  // Cloudflare's e-mail obfuscation leaves "[email protected]" where an address was.
  /\[email ?protected\]/,
];

/** True for a short line that is page furniture rather than content. */
export function isBoilerplateLine(line: string): boolean {
  if (countWords(line) > MAX_BOILERPLATE_WORDS) return false;
  const key = line.toLowerCase().replace(/[\s.:!»›>|-]+$/u, '');
  return BOILERPLATE_PATTERNS.some((pattern) => pattern.test(key));
}

/** Lines that read as a sentence: a capital (or digit/quote) start and terminal punctuation. */
const isSentence = (line: string): boolean => /^[\p{Lu}\p{N}"'(]/u.test(line) && /[.!?]["')\]]*$/.test(line);

/** A menu entry: a few words that are not a sentence. */
const isNavLike = (line: string): boolean => countWords(line) <= 4 && !isSentence(line);

/** Prose: enough words and at least one sentence end. Marks where the article body begins. */
const isProse = (line: string): boolean => countWords(line) >= 8 && /[.!?]["')\]]*(\s|$)/.test(line);

/** A menu is at least this many nav-like lines in a row. */
const MIN_NAV_RUN = 4;
/** The head of a document is searched no further than this many non-blank lines. */
const MAX_HEAD_LINES = 40;

/**
 * Indices of lines forming a navigation menu before the first prose line: runs of
 * at least four short non-sentence lines (blank lines ignored). A run that leads
 * straight into the prose is kept, because that is where a title, byline and date sit.
 */
export function findNavigationLines(lines: readonly string[]): Set<number> {
  const nav = new Set<number>();
  const head: number[] = [];
  let proseIndex = -1;
  for (let i = 0; i < lines.length && head.length < MAX_HEAD_LINES; i++) {
    const line = lines[i] ?? '';
    if (!line) continue;
    if (isProse(line)) {
      proseIndex = i;
      break;
    }
    head.push(i);
  }
  if (proseIndex < 0) return nav;

  let run: number[] = [];
  const closeRun = (leadsIntoProse: boolean) => {
    if (run.length >= MIN_NAV_RUN && !leadsIntoProse) for (const i of run) nav.add(i);
    run = [];
  };
  for (const i of head) {
    if (isNavLike(lines[i] ?? '')) run.push(i);
    else closeRun(false);
  }
  closeRun(true);
  return nav;
}
