/**
 * What a client may read of an error message: absolute paths are the server's
 * business (they show the user name, the layout of the disk), so each becomes
 * its last part — `/home/ann/quire/index/builds/x/lexical.json` → `lexical.json`.
 * The full message goes to the log.
 * @module
 */
import path from 'node:path';

/** A POSIX absolute path not inside a URL or word: starts with `/` after a space, quote, bracket or the start. */
const ABSOLUTE_PATH = /(?<![\w:/.~-])\/[^\s"'`()<>[\]{}]+/g;
/** Sentence punctuation the path pattern swallows at its end. */
const TRAILING = /[.,;:!?]+$/;

export function withoutPaths(message: string): string {
  return message.replace(ABSOLUTE_PATH, (match) => {
    const trailing = TRAILING.exec(match)?.[0] ?? '';
    const bare = match.slice(0, match.length - trailing.length);
    return `${path.posix.basename(bare) || bare}${trailing}`;
  });
}
