/**
 * Where an index lives on disk and how a new one replaces the old atomically.
 *
 * `<indexDir>/current` is a symlink to `builds/<buildId>/`. A build is written in
 * full into its own directory (manifest last), then a fresh symlink is renamed
 * over `current`: rename(2) is atomic, so a reader — or an ingest killed at any
 * instant — sees either the old complete build or the new complete build.
 * (Renaming a non-empty directory over another is not possible on POSIX, hence
 * the symlink rather than swapping `index/` itself.)
 * @module
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readlink, rename, rm, symlink, writeFile, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { QuireError } from '../errors.js';

export const MANIFEST_FILE = 'manifest.json';
export const CHUNKS_FILE = 'chunks.bin';
export const VECTORS_FILE = 'vectors.hnsw';
export const LEXICAL_FILE = 'lexical.bin';
export const ANALYSIS_FILE = 'analysis.bin';
export const MODEL_DIR = 'model';

const CURRENT = 'current';
const BUILDS = 'builds';
const LOCK = '.ingest.lock';

/** The directory of the build `current` points to, or null when no index has been built. */
export async function currentBuildDir(indexDir: string): Promise<string | null> {
  try {
    const target = await readlink(path.join(indexDir, CURRENT));
    const dir = path.resolve(indexDir, target);
    return existsSync(path.join(dir, MANIFEST_FILE)) ? dir : null;
  } catch {
    return null;
  }
}

/** A new, empty build directory. Sortable ids: time first, then randomness against clashes. */
export async function createBuildDir(indexDir: string): Promise<string> {
  const id = `${new Date().toISOString().replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex')}`;
  const dir = path.join(indexDir, BUILDS, id);
  await mkdir(dir, { recursive: true });
  return dir;
}

/** Points `current` at `buildDir` with one atomic rename. */
export async function publishBuild(indexDir: string, buildDir: string): Promise<void> {
  const tmpLink = path.join(indexDir, `.current-${randomBytes(4).toString('hex')}`);
  await symlink(path.relative(indexDir, buildDir), tmpLink, 'dir');
  await rename(tmpLink, path.join(indexDir, CURRENT));
}

/**
 * Removes builds other than the current one and the one before it (a server may
 * still be loading that), plus anything a killed ingest left half-written.
 */
export async function pruneBuilds(indexDir: string, keep: readonly string[]): Promise<void> {
  const buildsDir = path.join(indexDir, BUILDS);
  const keepNames = new Set(keep.map((dir) => path.basename(dir)));
  const names = existsSync(buildsDir) ? await readdir(buildsDir) : [];
  await Promise.all(names.filter((name) => !keepNames.has(name)).map((name) => rm(path.join(buildsDir, name), { recursive: true, force: true })));
  for (const name of await readdir(indexDir)) {
    if (name.startsWith('.current-')) await rm(path.join(indexDir, name), { force: true });
  }
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * One ingest at a time per index directory. A lock left by a process that no
 * longer runs (killed mid-ingest) is taken over.
 */
export async function acquireIngestLock(indexDir: string): Promise<() => Promise<void>> {
  await mkdir(indexDir, { recursive: true });
  const lockPath = path.join(indexDir, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lockPath, String(process.pid), { flag: 'wx' });
      return async () => {
        await unlink(lockPath).catch(() => {});
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(await readFile(lockPath, 'utf8').catch(() => ''));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new QuireError('conflict', `Another ingest (pid ${holder}) is already building ${indexDir}.`);
      }
      await unlink(lockPath).catch(() => {});
    }
  }
  throw new QuireError('conflict', `Could not take the ingest lock ${lockPath}.`);
}
