/**
 * Loads every supported file of a corpus directory into cleaned documents.
 * One unreadable file is reported as a failure and never stops the others.
 * @module
 */
import path from 'node:path';
import { QuireError } from '../errors.js';
import type { Document } from '../types.js';
import { addCleaningReport, emptyCleaningReport, type CleaningReport } from './clean.js';
import { isSupported, loadFile, SUPPORTED_EXTENSIONS, type LoadedFile, type LoadFileOptions } from './load-file.js';
import { assignIds } from './slug.js';
import { failureLookup, type ParseFailure } from './isolation/failure-memo.js';
import { createParseProcess, type ParseLimits } from './isolation/parse-process.js';
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
  /** Isolated parses that failed (now or remembered), to remember for the next ingest. */
  parseFailures: ParseFailure[];
}

export interface LoadCorpusOptions {
  /** Called with each file's relative path before it is loaded. */
  onFile?: (relativePath: string) => void;
  /** Path → id of the documents already indexed: they keep their ids. */
  issuedIds?: ReadonlyMap<string, string>;
  /** Parse PDFs in a child process under these limits, skipping files remembered as failed. Without it they parse in-process. */
  isolation?: { limits: ParseLimits; knownFailures: readonly ParseFailure[] };
}

export async function loadCorpus(dir: string, options: LoadCorpusOptions = {}): Promise<LoadedCorpus> {
  const { files, skipped } = await listFiles(dir, isSupported).catch((cause: NodeJS.ErrnoException) => {
    throw unreadableCorpus(path.resolve(dir), cause);
  });

  const loaded: LoadedFile[] = [];
  // Links out of the corpus (or to folders) are named with the files that failed.
  const failures: LoadFailure[] = [...skipped];
  const cleaning = emptyCleaningReport();
  const parseFailures: ParseFailure[] = [];
  const isolation = options.isolation;
  const parser = isolation && createParseProcess(isolation.limits);
  const loadOptions: LoadFileOptions =
    isolation && parser
      ? {
          parseIsolated: (absolute) => parser.parse(absolute),
          knownFailure: failureLookup(isolation.knownFailures, isolation.limits),
          onParseFailure: (sha256, reason) => parseFailures.push({ sha256, path: current, reason, limits: isolation.limits }),
        }
      : {};
  let current = '';
  try {
    // One at a time: PDFs are memory-hungry, and the order of onFile calls stays the path order.
    for (const file of files) {
      options.onFile?.(file);
      current = file;
      try {
        const result = await loadFile(path.join(dir, file), file, loadOptions);
        loaded.push(result);
        addCleaningReport(cleaning, result.cleaning);
      } catch (error) {
        failures.push({ path: file, error: error instanceof Error ? error.message : String(error) });
      }
    }
  } finally {
    parser?.close();
  }

  // Ids come from the loaded documents only, so a failing file cannot shift another file's id.
  const ids = assignIds(
    loaded.map((file) => file.document.path),
    options.issuedIds,
  );
  const documents = loaded.map((file, i) => ({ id: ids[i] as string, ...file.document }));
  return { documents, failures, cleaning, parseFailures };
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
