/**
 * The files of a corpus directory: recursive, dotfiles and unsupported types
 * skipped, paths relative with `/`, sorted so every run sees the same order.
 * @module
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { compare } from './slug.js';

export async function listFiles(dir: string, include: (file: string) => boolean): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const absolute = path.join(entry.parentPath, entry.name);
    // A symlinked file counts (people link documents in); a dangling link does not.
    const isFile = entry.isFile() || (entry.isSymbolicLink() && (await stat(absolute).then((s) => s.isFile(), () => false)));
    if (!isFile) continue;
    const relative = path.relative(dir, absolute).split(path.sep).join('/');
    // A dot anywhere in the path (".git/…", ".DS_Store") marks something hidden.
    if (relative.split('/').some((part) => part.startsWith('.'))) continue;
    if (include(relative)) files.push(relative);
  }
  return files.sort(compare);
}
