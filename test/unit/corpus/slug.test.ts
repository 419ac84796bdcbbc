import { describe, expect, it } from 'vitest';
import { assignIds, slugify } from '../../../src/corpus/slug.js';

describe('slugify', () => {
  it.each([
    ['New Strides (2019)', 'new-strides-2019'],
    ['lavrov-visit-new-strides', 'lavrov-visit-new-strides'],
    ['  Pakistan’s   Foreign_Policy!! ', 'pakistan-s-foreign-policy'],
    ['Café Zürich', 'cafe-zurich'],
    ['日本語', ''],
  ])('%j → %j', (name, slug) => expect(slugify(name)).toBe(slug));
});

describe('assignIds', () => {
  it('uses the plain slug of the file name when it is unique', () => {
    expect(assignIds(['New Strides (2019).txt', 'notes/Other Doc.md'])).toEqual(['new-strides-2019', 'other-doc']);
  });

  it('qualifies files that share a slug by extension', () => {
    expect(assignIds(['a.md', 'a.txt', 'b.txt'])).toEqual(['a-md', 'a-txt', 'b']);
  });

  it('qualifies same-named files in different folders by folder', () => {
    expect(assignIds(['notes.txt', 'sub/notes.txt', 'x/y/notes.txt'])).toEqual(['notes', 'sub-notes', 'x-y-notes']);
  });

  it('keeps ids unique whatever collides, and gives a name without letters a fallback', () => {
    const paths = ['A b.txt', 'a-b.txt', 'a-b-txt.md', '日本.txt', '中文.txt'];
    const ids = assignIds(paths);
    expect(new Set(ids).size).toBe(paths.length);
    expect(ids.every((id) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id))).toBe(true);
  });

  it('does not depend on the order paths are given in', () => {
    const paths = ['a.md', 'a.txt', 'sub/a.txt', 'x.txt', 'X.md'];
    const forward = assignIds(paths);
    const reversed = assignIds([...paths].reverse()).reverse();
    expect(reversed).toEqual(forward);
  });
});
