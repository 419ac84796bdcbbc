/**
 * What a client may read of an error message: the server's own paths (its
 * working directory, home, temp, corpus, index and model directories) show
 * the user name and the layout of the disk, so each becomes its last part —
 * `/home/ann/quire/index/builds/x/lexical.json` → `lexical.json`. Route paths
 * in messages ("GET /documents lists them") are not under any of them and stay.
 * The full message goes to the log.
 * @module
 */
import path from 'node:path';

/** An absolute path not inside a URL or word: `/` after a space, quote, bracket or the start. */
const ABSOLUTE_PATH = /(?<![\w:/.~-])\/[^\s"'`()<>[\]{}]+/g;
/** Sentence punctuation the path pattern swallows at its end. */
const TRAILING = /[.,;:!?]+$/;

/** `roots`: absolute directories whose paths are private. */
export function pathRedactor(roots: readonly string[]): (message: string) => string {
  const prefixes = [...new Set(roots.map((root) => path.resolve(root)))].filter((root) => root !== path.parse(root).root);
  const isPrivate = (candidate: string) => prefixes.some((root) => candidate === root || candidate.startsWith(`${root}${path.sep}`));
  return (message) =>
    message.replace(ABSOLUTE_PATH, (match) => {
      const trailing = TRAILING.exec(match)?.[0] ?? '';
      const bare = match.slice(0, match.length - trailing.length);
      return isPrivate(bare) ? `${path.basename(bare)}${trailing}` : match;
    });
}
