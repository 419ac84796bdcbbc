import { describe, expect, it } from 'vitest';
import { codeTokens } from '../../../src/text/code-tokens.js';

describe('codeTokens', () => {
  it('finds flags, camelCase, dotted paths, snake_case, calls, module paths and placeholders', () => {
    expect(codeTokens('Pass --no-isolate or -t "name"; set maxConcurrency and server.deps.inline.')).toEqual(['--no-isolate', '-t', 'maxConcurrency', 'server.deps.inline']);
    expect(codeTokens('Read process.env.CI, call describe() and install @vitest/ui and set MAX_WORKERS.')).toEqual(['process.env.CI', 'describe()', '@vitest/ui', 'MAX_WORKERS']);
    expect(codeTokens('Name it vitest-environment-${name} and run --test-timeout=0.')).toEqual(['vitest-environment-${name}', '--test-timeout=0']);
  });

  it('finds nothing in ordinary prose, abbreviations, hyphenated words or ranges', () => {
    expect(codeTokens('The Pakistan-Russia talks, e.g. in the U.S. on 2-3 October, were well-attended — and long, north/south and -tall.')).toEqual([]);
    expect(codeTokens('Prime Minister Imran Khan met President Putin in Bishkek in 2019.')).toEqual([]);
  });
});
