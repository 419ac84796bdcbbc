/**
 * `quire ask "question" [--conversation ID] [--json]`. Conversations outlive
 * the process: their turns are kept in `<index>/cli-conversations.json`, so
 * `--conversation ID` continues one across invocations.
 * @module
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import type { Turn } from '../types.js';
import { QuireError } from '../errors.js';
import type { Logger } from '../log.js';
import { openLocalAsker } from './local-asker.js';
import { quotedSentences } from './source-quote.js';

const HISTORY_FILE = 'cli-conversations.json';
/** A quoted sentence under a source is cut to this many characters: a terminal line or three. */
const QUOTE_CHARS = 240;

export async function runAskCommand(
  config: Config,
  log: Logger,
  { question, conversationId, json }: { question: string; conversationId: string | undefined; json: boolean },
): Promise<number> {
  if (!question.trim()) {
    throw new QuireError('invalid_usage', 'quire ask needs a question, as its argument in quotes (at most 2000 characters): quire ask "Where did Imran Khan meet President Putin?" [--conversation ID] [--json]');
  }
  const { asker, conversations, conversationsPersist, close } = await openLocalAsker(config, log);
  let answer;
  try {
    if (conversationsPersist) {
      answer = await asker.ask({ question, conversationId });
    } else {
      const historyFile = path.join(config.indexDir, HISTORY_FILE);
      const saved: Record<string, Turn[]> = JSON.parse(await readFile(historyFile, 'utf8').catch(() => '{}'));
      if (conversationId) for (const turn of saved[conversationId] ?? []) await conversations.append(conversationId, turn);
      answer = await asker.ask({ question, conversationId });
      saved[answer.conversationId] = (await conversations.get(answer.conversationId)) ?? [];
      await writeFile(historyFile, JSON.stringify(saved));
    }
  } finally {
    await close();
  }

  if (json) {
    process.stdout.write(`${JSON.stringify(answer)}\n`);
    return 0;
  }
  const lines = [answer.answer, ''];
  for (const c of answer.citations) lines.push(`[${c.id}] ${c.title}`, ...quotedSentences(answer.answer, c.id, c.text).map((sentence) => `    “${clip(sentence)}”`));
  for (const w of answer.warnings) lines.push(`note: ${w}`);
  lines.push('', `conversation: ${answer.conversationId}  (continue with --conversation ${answer.conversationId})`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

const clip = (text: string): string => (text.length <= QUOTE_CHARS ? text : `${text.slice(0, QUOTE_CHARS - 1).trimEnd()}…`);
