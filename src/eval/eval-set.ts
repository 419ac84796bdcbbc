/**
 * Reading eval sets: JSONL files of single questions (`dev-qa.jsonl`) and of
 * conversations (`dev-conversations.jsonl`). Validated line by line; a bad line
 * is reported with its file and line number.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { QuireError } from '../errors.js';

/** `doc`: the document the question was written about (optional; the fit script splits SQuAD by it). */
const qaSchema = z.union([
  z.object({ id: z.string(), q: z.string().min(1), unanswerable: z.literal(true), doc: z.string().optional() }),
  z.object({ id: z.string(), q: z.string().min(1), answer_any: z.array(z.string()).min(1), evidence: z.string().min(1), doc: z.string().optional() }),
]);

const conversationSchema = z.object({
  id: z.string(),
  turns: z.array(z.string().min(1)).min(1),
  answer_any: z.array(z.string()).min(1),
  evidence: z.string().optional(),
});

export type QaItem = z.infer<typeof qaSchema>;
export type ConversationItem = z.infer<typeof conversationSchema>;

export const readQaSet = (file: string): Promise<QaItem[]> => readJsonl(file, qaSchema);
export const readConversationSet = (file: string): Promise<ConversationItem[]> => readJsonl(file, conversationSchema);

async function readJsonl<T>(file: string, schema: z.ZodType<T>): Promise<T[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new QuireError('invalid_usage', `Cannot read the eval file ${file}: ${(cause as Error).message}.`, { cause });
  }
  return text.split('\n').flatMap((line, i) => {
    if (!line.trim()) return [];
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new QuireError('invalid_usage', `${file} line ${i + 1} is not valid JSON.`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new QuireError('invalid_usage', `${file} line ${i + 1}: ${issue?.path.join('.') || 'item'} ${issue?.message ?? 'is invalid'}.`);
    }
    return [parsed.data];
  });
}
