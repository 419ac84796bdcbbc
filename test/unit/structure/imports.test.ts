/**
 * The source's import structure (DESIGN/STYLE: no import cycles; src/text/ holds pure text
 * primitives that import nothing else of Quire): read from the files' static imports.
 * Type-only imports are left out, since they vanish at run time.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/fixtures.js';

const srcDir = path.join(repoRoot, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sourceFiles(file) : name.endsWith('.ts') && !name.endsWith('.d.ts') ? [file] : [];
  });
}

/** Relative value imports of each file, resolved to files. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(srcDir)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/^\s*(import|export)\s+(?!type\s)[^'"]*?from\s+'(\.[^']+)'/gm)].map((m) =>
      path.resolve(path.dirname(file), m[2]!.replace(/\.js$/, '.ts')),
    );
    graph.set(file, targets);
  }
  return graph;
}

const relative = (file: string): string => path.relative(repoRoot, file);

describe('source structure', () => {
  const graph = importGraph();

  it('has no import cycles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string): void => {
      state.set(file, 'open');
      stack.push(file);
      for (const target of graph.get(file) ?? []) {
        if (state.get(target) === 'open') cycles.push([...stack.slice(stack.indexOf(target)), target].map(relative).join(' → '));
        else if (!state.has(target)) visit(target);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    expect(graph.size).toBeGreaterThan(50);
    expect(cycles).toEqual([]);
  });

  it('keeps src/text/ free of imports from the rest of Quire', () => {
    const textDir = path.join(srcDir, 'text') + path.sep;
    const outside = [...graph].flatMap(([file, targets]) =>
      file.startsWith(textDir) ? targets.filter((target) => !target.startsWith(textDir)).map((target) => `${relative(file)} → ${relative(target)}`) : [],
    );
    expect(outside).toEqual([]);
  });

  it('keeps src/server/ from importing src/cli/, types included (the ingest child speaks src/ingest/protocol.ts)', () => {
    const serverDir = path.join(srcDir, 'server') + path.sep;
    const cliDir = path.join(srcDir, 'cli') + path.sep;
    const offending = sourceFiles(serverDir).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'/gm)]
        .map((m) => path.resolve(path.dirname(file), m[1]!.replace(/\.js$/, '.ts')))
        .filter((target) => target.startsWith(cliDir))
        .map((target) => `${relative(file)} → ${relative(target)}`),
    );
    expect(offending).toEqual([]);
  });
});
