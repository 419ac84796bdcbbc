/**
 * The files of a corpus directory: recursive, dotfiles and unsupported types
 * skipped, paths relative with `/`, sorted so every run sees the same order.
 *
 * Only what really lies inside the directory is read. A symbolic link to a
 * file counts when the file it resolves to is inside the corpus directory; a
 * link out of it (`passwd.txt -> /etc/passwd`), a broken link and a link to a
 * folder (never followed: its files are indexed where they really are, or not
 * at all) are skipped and reported, so the summary names them.
 * @module
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { compare } from './slug.js';

export interface SkippedEntry {
  /** Relative to the corpus directory, with `/`. */
  path: string;
  /** Why it was not read. */
  error: string;
}

export interface CorpusListing {
  files: string[];
  skipped: SkippedEntry[];
}

export async function listFiles(dir: string, include: (file: string) => boolean): Promise<CorpusListing> {
  const root = await realpath(dir);
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  const skipped: SkippedEntry[] = [];
  for (const entry of entries) {
    const absolute = path.join(entry.parentPath, entry.name);
    const relative = path.relative(dir, absolute).split(path.sep).join('/');
    // A dot anywhere in the path (".git/…", ".DS_Store") marks something hidden.
    if (relative.split('/').some((part) => part.startsWith('.'))) continue;
    if (entry.isFile()) {
      if (include(relative)) files.push(relative);
      continue;
    }
    if (!entry.isSymbolicLink()) continue;
    const why = await linkProblem(absolute, root);
    if (why === null) {
      if (include(relative)) files.push(relative);
    } else if (why.folder || include(relative)) skipped.push({ path: relative, error: why.error });
  }
  return { files: files.sort(compare), skipped: skipped.sort((a, b) => compare(a.path, b.path)) };
}

/** Null when the link resolves to a regular file inside `root`; else why not (and whether it is a folder). */
async function linkProblem(link: string, root: string): Promise<{ error: string; folder: boolean } | null> {
  const target = await realpath(link).catch(() => null);
  if (target === null) return { error: 'is a broken symbolic link; not indexed', folder: false };
  const info = await stat(target);
  if (info.isDirectory()) return { error: 'is a symbolic link to a folder; folder links are not followed', folder: true };
  if (!isInside(root, target)) return { error: 'is a symbolic link to a file outside the corpus directory; not indexed', folder: false };
  if (!info.isFile()) return { error: 'is a symbolic link to something that is not a regular file; not indexed', folder: false };
  return null;
}

function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
