/**
 * `quire ask` through the real command, over a real index of the test corpus:
 * under each source it shows the sentence the answer quoted. It used to show
 * the chunk's first 240 characters, which were often about something else
 * ("In what was seen as a damage-control exercise…" under a Bishkek answer).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { buildDefaultIndex } from '../helpers/fixtures.js';
import { runQuire } from '../helpers/quire-cli.js';

const QUESTION = 'Where did Imran Khan meet President Putin?';
let config: Config;

beforeAll(async () => {
  ({ config } = await buildDefaultIndex());
}, 120_000);

describe('quire ask', () => {
  it('shows under each source the sentence the answer quoted, not the chunk’s opening (issue 15)', async () => {
    const json = JSON.parse((await runQuire(['ask', QUESTION, '--json'], config)).stdout) as { answer: string; citations: { id: string; text: string }[] };
    const run = await runQuire(['ask', QUESTION], config);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(json.citations.length).toBeGreaterThan(0);
    for (const citation of json.citations) {
      const at = lines.findIndex((line) => line.startsWith(`[${citation.id}] `));
      expect(at, run.stdout).toBeGreaterThan(0);
      const quoted = lines[at + 1]!.trim().replace(/^“|”$/g, '');
      // The answer quotes it: the shown sentence is in the answer, word for word, and in the chunk.
      expect(json.answer.replace(/\s+/g, ' ')).toContain(quoted.replace(/[.!?]$/, ''));
      expect(citation.text.replace(/\s+/g, ' ')).toContain(quoted);
    }
    const bishkek = json.citations.find((c) => /Bishkek/.test(c.text))!;
    const shown = lines[lines.findIndex((line) => line.startsWith(`[${bishkek.id}] `)) + 1]!;
    expect(shown).toMatch(/Bishkek/);
    expect(shown.trim()).not.toBe(`“${bishkek.text.replace(/\s+/g, ' ').slice(0, 60)}`);
  }, 120_000);
});
