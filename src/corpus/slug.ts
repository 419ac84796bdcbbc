/**
 * Document ids: the slug of the file name, made unique across the corpus in a
 * way that depends only on the set of paths (never on read order) and on the
 * ids already issued: a document keeps its id for as long as it exists, so a
 * saved citation keeps working when a look-alike file arrives beside it.
 * @module
 */
import path from 'node:path';

/** Lower-case ASCII words joined by `-`: `New Strides (2019)` → `new-strides-2019`. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Used when a file name has no ASCII letters or digits at all. */
const FALLBACK_SLUG = 'document';

interface Parts {
  base: string;
  ext: string;
  dir: string;
}

function parts(relativePath: string): Parts {
  const parsed = path.posix.parse(relativePath);
  return { base: slugify(parsed.name) || FALLBACK_SLUG, ext: slugify(parsed.ext), dir: slugify(parsed.dir) };
}

const join = (...pieces: string[]): string => pieces.filter(Boolean).join('-');

const byFolderAndExtension = (p: Parts): string => join(p.dir, p.base, p.ext);
// Ways to tell colliding files apart, tried in order; the first that separates the whole group wins.
const QUALIFIERS: ReadonlyArray<(p: Parts) => string> = [(p) => join(p.base, p.ext), (p) => join(p.dir, p.base), byFolderAndExtension];

/**
 * One id per path (same order). A path in `issued` (path → id of the previous
 * index) keeps its id. Otherwise: a slug used by a single file is the id; files sharing
 * a slug (`a.txt` and `a.md`, or `x/a.txt` and `y/a.txt`) are all qualified, by
 * extension (`a-txt`, `a-md`), else by folder (`x-a`, `y-a`), else both; a numeric
 * suffix settles anything left.
 */
export function assignIds(relativePaths: readonly string[], issued: ReadonlyMap<string, string> = new Map()): string[] {
  const ids = qualifiedIds(relativePaths);
  const order = ids.map((_, i) => i).sort((a, b) => compare(relativePaths[a] ?? '', relativePaths[b] ?? ''));
  const taken = new Set<string>();
  const newcomers: number[] = [];
  for (const i of order) {
    const id = issued.get(relativePaths[i] as string);
    if (id === undefined || taken.has(id)) {
      newcomers.push(i);
      continue;
    }
    ids[i] = id;
    taken.add(id);
  }
  // Rare leftovers (a qualified id equal to another file's plain slug, or to an id
  // an existing document keeps): suffix `-2`, `-3`… in path order.
  for (const i of newcomers) {
    const id = ids[i] as string;
    let candidate = id;
    for (let n = 2; taken.has(candidate); n++) candidate = `${id}-${n}`;
    taken.add(candidate);
    ids[i] = candidate;
  }
  return ids;
}

/** The slug of each path, qualified within its group of look-alikes; not yet unique in rare cases. */
function qualifiedIds(relativePaths: readonly string[]): string[] {
  const all = relativePaths.map(parts);
  const groups = new Map<string, number[]>();
  all.forEach((p, i) => groups.set(p.base, [...(groups.get(p.base) ?? []), i]));

  const ids = all.map((p) => p.base);
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const qualify = QUALIFIERS.find((q) => new Set(members.map((i) => q(all[i] as Parts))).size === members.length) ?? byFolderAndExtension;
    for (const i of members) ids[i] = qualify(all[i] as Parts);
  }
  return ids;
}

/** Code-unit order, independent of the locale the process runs in. */
export const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
