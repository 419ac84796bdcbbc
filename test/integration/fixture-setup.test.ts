/**
 * The suite's own set-up works where a new user runs it: in a fresh copy of
 * the repo with nothing beside it (no `../shared`) and a document of the
 * user's own in `corpus/`, as the README invites. The fixtures must still
 * build the five-document default corpus, and the suites that once read the
 * live `corpus/` or `../shared` must pass there.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../helpers/fixtures.js';

/** What a clone has: everything tracked, no installed or built state. */
const NOT_IN_A_CLONE = new Set(['node_modules', '.git', 'index', 'test-artifacts']);
const USER_DOCUMENT = 'my-own-notes.md';

function run(cwd: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (output += text));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

describe('the test fixtures in a fresh copy with a user document and no ../shared', () => {
  let copy: string;

  beforeAll(async () => {
    // <tmp>/clone/quire: its ../shared is <tmp>/clone/shared, which does not exist.
    copy = path.join(await tempDir('clone'), 'quire');
    await mkdir(copy);
    await cp(repoRoot, copy, { recursive: true, filter: (source) => !NOT_IN_A_CLONE.has(path.relative(repoRoot, source).split(path.sep)[0]!) });
    // Installed packages are not what is under test; a symlink spares a second `npm ci`.
    await symlink(path.join(repoRoot, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
    await writeFile(path.join(copy, 'corpus', USER_DOCUMENT), '# My own notes\n\nThe harbour ferry left at seven every morning of the winter of 1920, whatever the weather.\n');
  });

  it('has no ../shared beside it', () => {
    expect(existsSync(path.join(copy, '..', 'shared'))).toBe(false);
  });

  it('builds the index of the five default documents, not the user’s', async () => {
    const probe = path.join(copy, 'probe.ts');
    await writeFile(
      probe,
      [
        "import { buildDefaultIndex } from './test/helpers/fixtures.ts';",
        'const { config, summary } = await buildDefaultIndex();',
        'console.log(JSON.stringify({ corpusDir: config.corpusDir, documents: summary.documents }));',
      ].join('\n'),
    );
    const { code, output } = await run(copy, ['--import', 'tsx', probe]);
    expect(code, output).toBe(0);
    const { corpusDir, documents } = JSON.parse(output.trim().split('\n').at(-1)!) as { corpusDir: string; documents: { added: number; failed: unknown[] } };
    expect(path.relative(copy, corpusDir).startsWith('..')).toBe(true); // a private temp copy, not the live corpus/
    expect(documents).toMatchObject({ added: 5, failed: [] });
    expect(existsSync(path.join(corpusDir, USER_DOCUMENT))).toBe(false);
  });

  it('passes the suites that once read the live corpus/ or ../shared', async () => {
    const suites = ['test/unit/corpus/default-corpus.test.ts', 'test/unit/embedding/neural.test.ts', 'test/unit/embedding/words.test.ts'];
    const { code, output } = await run(copy, [path.join(copy, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...suites]);
    expect(code, output).toBe(0);
    expect(output).toMatch(/Test Files\s+3 passed \(3\)/);
  });
});
