/**
 * Prompt templates: Markdown files in `prompts/` with `{{named}}` placeholders,
 * loaded and checked once at start-up when an LLM is configured — a template missing a placeholder the
 * code fills in is a configuration error, not a silently worse answer.
 * LangChain's PromptTemplate (mustache syntax) parses and fills them.
 * @module
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { QuireError } from '../errors.js';

export const PROMPTS_DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));

/** Each template and the placeholders it must contain. */
const REQUIRED = {
  answer: ['question', 'sources', 'exampleId'],
  rewrite: ['history', 'question'],
} as const;

export type PromptName = keyof typeof REQUIRED;
export type Prompts = { [K in PromptName]: (values: Record<(typeof REQUIRED)[K][number], string>) => Promise<string> };

export async function loadPrompts(dir: string = PROMPTS_DIR): Promise<Prompts> {
  // Imported here, not at start-up: LangChain's core costs ≈ 1.3 s and 40 MB that extractive answering never uses.
  const { PromptTemplate } = await import('@langchain/core/prompts');
  const entries = await Promise.all(
    (Object.keys(REQUIRED) as PromptName[]).map(async (name) => {
      const file = path.join(dir, `${name}.md`);
      const text = await readFile(file, 'utf8').catch((cause: unknown) => {
        throw new QuireError('invalid_config', `Cannot read the prompt template ${file}: ${(cause as Error).message}.`, { cause });
      });
      const template = PromptTemplate.fromTemplate(text, { templateFormat: 'mustache' });
      const missing = REQUIRED[name].filter((placeholder) => !template.inputVariables.includes(placeholder));
      if (missing.length > 0) {
        throw new QuireError('invalid_config', `The prompt template ${file} lacks the placeholder(s) ${missing.map((p) => `{{${p}}}`).join(', ')}.`);
      }
      return [name, (values: Record<string, string>) => template.format(values)] as const;
    }),
  );
  return Object.fromEntries(entries) as Prompts;
}
