/**
 * Where the tests find the default corpus. Never the repo's live `corpus/`:
 * users add their own documents there (the README invites it), and a test
 * that read it would count, rank and quote whatever they added.
 * `test/fixtures/corpus/` is the suite's own copy of the five default
 * documents; it has no imports, so unit tests can use it without loading the
 * indexing stack.
 */
import { fileURLToPath } from 'node:url';

/** The tests' copy of the default corpus. Read-only: tests that change files work on `copyDefaultCorpus()`. */
export const defaultCorpusDir = fileURLToPath(new URL('../fixtures/corpus/', import.meta.url));
