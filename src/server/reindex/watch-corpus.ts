/**
 * `quire serve --watch`: notices changes to the corpus directory and calls
 * back once they settle. Debounced because saving one file is often several
 * events (write, chmod, rename from a temp file) and copying a folder in is
 * hundreds; one re-index after the burst is what is wanted.
 * @module
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { isSupported } from '../../corpus/load-file.js';
import { QuireError } from '../../errors.js';
import type { Logger } from '../../log.js';

export interface WatchCorpusOptions {
  dir: string;
  log: Logger;
  /** Called once changes have stopped for `debounceMs`. */
  onChange: (changed: string[]) => void;
  /** Quiet time after the last event before `onChange`. @default 1000 */
  debounceMs?: number;
  /**
   * Directories whose changes do not count — the index directory, when it sits
   * inside the corpus: otherwise every build would trigger the next. @default []
   */
  ignore?: readonly string[];
}

/** Most changed paths named in one log line. */
const MAX_NAMED = 20;

/** Starts watching; returns the function that stops it. */
export function watchCorpus({ dir, log, onChange, debounceMs = 1_000, ignore = [] }: WatchCorpusOptions): () => void {
  const root = path.resolve(dir);
  const ignored = ignore.map((d) => path.resolve(d));
  const isIgnored = (name: string) => ignored.some((d) => isInside(path.resolve(root, name), d));
  let timer: NodeJS.Timeout | undefined;
  const changed = new Set<string>();
  let watcher: FSWatcher;
  try {
    // Recursive watching is native on Linux since Node 20, as on macOS and Windows.
    watcher = watch(root, { recursive: true, persistent: false });
  } catch (cause) {
    throw new QuireError('invalid_config', `Cannot watch the corpus directory ${root}: ${(cause as Error).message}.`, { cause });
  }
  watcher.on('change', (_event, filename) => {
    const name = filename === null ? null : String(filename);
    if (name !== null && (!isRelevant(name) || isIgnored(name))) return;
    changed.add(name ?? '.');
    clearTimeout(timer);
    timer = setTimeout(() => {
      const names = [...changed];
      changed.clear();
      log.info('corpus changed', { dir, files: names.slice(0, MAX_NAMED), count: names.length });
      onChange(names);
    }, debounceMs);
  });
  watcher.on('error', (error) => log.error('corpus watch failed', { dir, error: error.message }));
  log.info('watching the corpus', { dir: root, debounceMs });
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}

/**
 * Documents, and names without an extension (a folder moved in or out). Hidden
 * files — editor swap files, `.git/` — are skipped, as ingest skips them.
 */
function isRelevant(name: string): boolean {
  if (name.split(/[\\/]/).some((part) => part.startsWith('.'))) return false;
  return isSupported(name) || path.extname(name) === '';
}

const isInside = (file: string, dir: string): boolean => file === dir || file.startsWith(`${dir}${path.sep}`);
