/**
 * Writes an uploaded document into the corpus directory. The bytes go to a
 * hidden temporary file first (ingest and the watcher skip hidden files), which
 * then appears under its name in one step: `link` when the name must be new —
 * it fails if the name exists, atomically, so two uploads cannot both win —
 * or `rename` when replacing was asked for. Nobody ever reads a half-written
 * document.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { diskFullOr, QuireError } from '../../errors.js';

export interface StoredDocument {
  /** Path relative to the corpus directory, as GET /documents shows it. */
  path: string;
  bytes: number;
  /** True when an existing file was replaced. */
  replaced: boolean;
}

/** `name` must come from `documentFileName`; this checks again that it stays in `corpusDir`. */
export async function storeDocument(corpusDir: string, name: string, bytes: Uint8Array, { overwrite }: { overwrite: boolean }): Promise<StoredDocument> {
  const dir = path.resolve(corpusDir);
  const target = path.resolve(dir, name);
  if (path.dirname(target) !== dir) throw new QuireError('invalid_request', `The document name "${name}" leaves the corpus directory.`);
  await mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.upload-${randomBytes(6).toString('hex')}`);
  await writeFile(tmp, bytes, { flag: 'wx' }).catch(async (error: unknown) => {
    await unlink(tmp).catch(() => {});
    throw diskFullOr(error, dir, 'the corpus directory');
  });
  let replaced = false;
  try {
    try {
      await link(tmp, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!overwrite) throw new QuireError('document_exists', `A document named "${name}" already exists.`);
      // rename replaces a symlink itself, never the file it points to; a directory makes it fail.
      await rename(tmp, target).catch((cause: NodeJS.ErrnoException) => {
        throw cause.code === 'EISDIR' || cause.code === 'ENOTEMPTY' ? new QuireError('document_exists', `"${name}" is a directory in the corpus.`, { cause }) : cause;
      });
      replaced = true;
    }
  } finally {
    await unlink(tmp).catch(() => {});
  }
  return { path: name, bytes: bytes.length, replaced };
}
