/**
 * The `quire` command. Thin: parses the command line, loads the one config,
 * and hands over to the module that does the work.
 * @module
 */
import { parseCommandLine } from './cli/args.js';
import { loadConfig, settingDefault, SETTINGS } from './config.js';
import { isQuireError } from './errors.js';
import { formatFailureLine } from './ingest/protocol.js';
import { createLogger } from './log.js';

const USAGE = `quire — ask questions of your own documents, with cited answers

Usage:
  quire ingest [--corpus DIR] [--index DIR] [--models DIR] [--embedder auto|neural|corpus] [--refit] [--json]
  quire serve  [--port N] [--host H] [--index DIR] [--corpus DIR] [--watch]
  quire start  ingest when there is no index yet, then serve
  quire ask "question" [--conversation ID] [--json]
  quire eval   [--qa FILE] [--conversations FILE] [--json]

Settings (flag, or environment variable; flags win):
${Object.values(SETTINGS)
  .map((s) => `  --${s.flag.padEnd(24)} ${s.env.padEnd(28)} ${s.help}${describeDefault(settingDefault(s))}`)
  .join('\n')}
`;

function describeDefault(value: unknown): string {
  if (value === undefined) return ' (default: unset)';
  if (Array.isArray(value)) return value.length ? ` (default: ${value.join(',')})` : ' (default: none)';
  return ` (default: ${String(value)})`;
}

const OWN_FLAGS = {
  json: { type: 'boolean' },
  conversation: { type: 'string' },
  qa: { type: 'string' },
  conversations: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function main(argv: readonly string[]): Promise<number> {
  const args = parseCommandLine(argv, OWN_FLAGS);
  if (args.own.help || args.command === undefined || args.command === 'help') {
    process.stdout.write(USAGE);
    return args.command === undefined && !args.own.help ? 1 : 0;
  }
  const config = loadConfig(args.settings);
  const log = createLogger({ level: config.logLevel });
  const json = args.own.json === true;
  switch (args.command) {
    // Commands are imported on demand: `quire help` should not load ONNX runtime.
    case 'ingest': {
      const { runIngestCommand } = await import('./cli/ingest-command.js');
      return runIngestCommand(config, log, { json });
    }
    case 'serve':
    case 'start': {
      const { runServeCommand } = await import('./cli/serve-command.js');
      return runServeCommand(config, log, { ingestFirst: args.command === 'start' });
    }
    case 'ask': {
      const { runAskCommand } = await import('./cli/ask-command.js');
      return runAskCommand(config, log, { question: args.positionals.join(' '), conversationId: stringFlag(args.own.conversation), json });
    }
    case 'eval': {
      const { runEvalCommand } = await import('./cli/eval-command.js');
      return runEvalCommand(config, log, { qaFile: stringFlag(args.own.qa), conversationsFile: stringFlag(args.own.conversations), json });
    }
    default:
      process.stderr.write(`quire: unknown command "${args.command}".\n\n${USAGE}`);
      return 1;
  }
}

const stringFlag = (value: string | boolean | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`quire: ${isQuireError(error) ? error.advice : (error as Error).stack ?? String(error)}\n`);
  // With --json a program is reading stdout: give it the failure in the HTTP API's error shape too.
  if (process.argv.includes('--json')) {
    const body = isQuireError(error) ? { code: error.code, message: error.advice } : { code: 'internal', message: (error as Error).message ?? String(error) };
    process.stdout.write(formatFailureLine(body));
  }
  process.exitCode = 1;
}
