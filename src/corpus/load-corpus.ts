/**
 * Loads every supported file of a corpus directory into cleaned documents.
 * One unreadable file is reported as a failure and never stops the others.
 * @module
 */
import path from 'node:path';
import { QuireError } from '../errors.js';
import type { Document } from '../types.js';
import { addCleaningReport, emptyCleaningReport, type CleaningReport } from './clean.js';
import { isSupported, loadFile, SUPPORTED_EXTENSIONS, type LoadedFile } from './load-file.js';
import { assignIds } from './slug.js';
import { listFiles } from './walk.js';

export type { CleaningReport };
export { SUPPORTED_EXTENSIONS };

export interface LoadFailure {
  /** Relative to the corpus directory, with `/`. */
  path: string;
  /** Why, readable as is: "not valid UTF-8 text", "no text after cleaning"… */
  error: string;
}

export interface LoadedCorpus {
  /** In path order. */
  documents: Document[];
  failures: LoadFailure[];
  /** Totals over the loaded documents. */
  cleaning: CleaningReport;
}

export interface LoadCorpusOptions {
  /** Called with each file's relative path before it is loaded. */
  onFile?: (relativePath: string) => void;
}

export async function loadCorpus(dir: string, options: LoadCorpusOptions = {}): Promise<LoadedCorpus> {
  const files = await listFiles(dir, isSupported).catch((cause: NodeJS.ErrnoException) => {
    throw unreadableCorpus(path.resolve(dir), cause);
  });

  const loaded: LoadedFile[] = [];
  const failures: LoadFailure[] = [];
  const cleaning = emptyCleaningReport();
  // One at a time: PDFs are memory-hungry, and the order of onFile calls stays the path order.
  for (const file of files) {
    options.onFile?.(file);
    try {
      const result = await loadFile(path.join(dir, file), file);
      loaded.push(result);
      addCleaningReport(cleaning, result.cleaning);
    } catch (error) {
      failures.push({ path: file, error: error instanceof Error ? error.message : String(error) });
    }
  }

  // Ids come from the loaded documents only, so a failing file cannot shift another file's id.
  const ids = assignIds(loaded.map((file) => file.document.path));
  const documents = loaded.map((file, i) => ({ id: ids[i] as string, ...file.document }));
  return { documents, failures, cleaning };
}

/** A corpus directory that cannot be listed is a setting to fix: say which directory, and what it should be. */
function unreadableCorpus(dir: string, cause: NodeJS.ErrnoException): QuireError {
  const setting = 'QUIRE_CORPUS_DIR / --corpus';
  if (cause.code === 'ENOENT') {
    return new QuireError('invalid_config', `${setting}: the corpus directory ${dir} does not exist. Create it and put .txt, .md, .html or .pdf files in it, or point ${setting} at the folder that has them.`, { cause });
  }
  if (cause.code === 'ENOTDIR') return new QuireError('invalid_config', `${setting}: ${dir} is a file, not a directory; expected the folder that holds your documents.`, { cause });
  if (cause.code === 'EACCES' || cause.code === 'EPERM') return new QuireError('invalid_config', `${setting}: the corpus directory ${dir} cannot be read (permission denied).`, { cause });
  return new QuireError('corpus_empty', `Cannot read the corpus directory ${dir}: ${cause.message}`, { cause });
}
