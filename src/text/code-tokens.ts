/**
 * Identifiers of code as technical documentation writes them in prose: command-line flags
 * (`--no-isolate`, `-t`), camelCase names (`maxConcurrency`), dotted paths
 * (`server.deps.inline`, `process.env.CI`), snake_case and SCREAMING_CASE names, calls
 * (`describe()`), scoped packages (`@vitest/ui`) and template placeholders
 * (`vitest-environment-${name}`). What a developer's "Which option…?" or "How do I…?"
 * is answered with, and what ordinary English prose almost never contains.
 * @module
 */

// A single dash takes one or two letters (`-t`, `-u`): "-tall" after a space is prose.
const FLAG = String.raw`(?<![\w-])(?:--[A-Za-z][\w-]*|-[A-Za-z]{1,2}\b)(?:=[^\s,;]*[^\s,;.])?`;
const CAMEL = String.raw`\b[a-z]+(?:[A-Z][a-z\d]*)+\b`;
// Each part at least two characters: "e.g." and "U.S." are not paths.
const DOTTED = String.raw`\b[A-Za-z_$][\w$]+(?:\.[A-Za-z_$][\w$]+)+(?:\(\))?`;
const SNAKE = String.raw`\b[A-Za-z][A-Za-z\d]*(?:_[A-Za-z\d]+)+\b`;
const CALL = String.raw`\b[A-Za-z_$][\w$]*\(\)`;
// Scoped packages only: "vitest/config" and "and/or" cannot be told apart.
const MODULE_PATH = String.raw`@[a-z][\w-]*\/[\w-]+`;
const PLACEHOLDER = String.raw`[\w-]*\$\{[^}]*\}[\w-]*`;

const CODE_TOKEN = new RegExp([PLACEHOLDER, FLAG, DOTTED, CALL, CAMEL, SNAKE, MODULE_PATH].join('|'), 'g');

/** The code identifiers in `text`, as written, in order. */
export function codeTokens(text: string): string[] {
  return [...text.matchAll(CODE_TOKEN)].map((m) => m[0]);
}
