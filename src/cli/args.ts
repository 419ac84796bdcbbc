/**
 * Command-line parsing: every setting of src/config.ts is also a flag
 * (`--corpus`, `--index`, …), plus the few flags a command has of its own.
 * @module
 */
import { parseArgs } from 'node:util';
import { closest, distance } from 'fastest-levenshtein';
import { SETTINGS } from '../config.js';
import { QuireError } from '../errors.js';

const BOOLEAN_SETTINGS = new Set(['refit', 'watch']);

type OptionSpec = { type: 'string' | 'boolean'; short?: string };

export interface ParsedArgs {
  command: string | undefined;
  positionals: string[];
  /** Setting flags, keyed by flag name, for `loadConfig`. */
  settings: Record<string, unknown>;
  /** The command's own flags. */
  own: Record<string, string | boolean | undefined>;
}

export function parseCommandLine(argv: readonly string[], ownFlags: Record<string, OptionSpec>): ParsedArgs {
  const options: Record<string, OptionSpec> = { ...ownFlags };
  for (const setting of Object.values(SETTINGS)) {
    options[setting.flag] = { type: BOOLEAN_SETTINGS.has(setting.flag) ? 'boolean' : 'string' };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (cause) {
    throw new QuireError('invalid_config', `${describeParseError(cause as Error & { code?: string }, Object.keys(options))} Run \`quire help\` for the flags.`, { cause });
  }
  const [command, ...positionals] = parsed.positionals;
  const settingFlags = new Set(Object.values(SETTINGS).map((s) => s.flag as string));
  const settings: Record<string, unknown> = {};
  const own: Record<string, string | boolean | undefined> = {};
  for (const [name, value] of Object.entries(parsed.values)) {
    if (settingFlags.has(name) && !(name in ownFlags)) settings[name] = value;
    else own[name] = value as string | boolean | undefined;
  }
  return { command, positionals, settings, own };
}

/** Node's parseArgs message, with the nearest known flag suggested for an unknown one. */
function describeParseError(error: Error & { code?: string }, flags: readonly string[]): string {
  const unknown = error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /Unknown option '-{1,2}([^']+)'/.exec(error.message)?.[1] : undefined;
  if (unknown === undefined) return `${error.message.replace(/\. To specify a positional.*$/s, '')}.`;
  const name = unknown.replace(/=.*$/, '');
  const nearest = closest(name, [...flags]);
  // Close enough to be a typo: a third of the letters at most (--prot → --port, --corpsu → --corpus).
  const suggestion = distance(name, nearest) <= Math.max(2, Math.floor(name.length / 3)) ? ` Did you mean --${nearest}?` : '';
  return `Unknown flag --${name}.${suggestion}`;
}
