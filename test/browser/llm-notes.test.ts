/**
 * The page with an LLM configured, in headless Chromium: the notes under an
 * answer whose generated sentences were removed, and the header saying whether
 * the LLM answers (it used to say "LLM fake-model" while the LLM was down).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { startFakeLlm, type FakeLlm } from '../helpers/fake-openai.js';
import { buildDefaultIndex } from '../helpers/fixtures.js';
import { askQuestion, browserSkipReason, launchChromium, openPage, waitForLibrary } from './harness.js';

const QUESTION = 'Where did Imran Khan meet President Putin?';

let browser: Browser;
let fake: FakeLlm;
let config: Config;
let server: RunningServer;

describe.skipIf(browserSkipReason !== undefined)('the page with an LLM', () => {
  beforeAll(async () => {
    fake = await startFakeLlm();
    ({ config } = await buildDefaultIndex({ llmUrl: fake.url, llmModel: 'fake-model' }));
    server = await startServer(config, silentLogger);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await fake?.close();
  });

  it('lists removed sentences under the answer (the page never showed warnings)', async () => {
    fake.reply = (sources) => {
      const id = sources.find((s) => s.text.includes('Bishkek'))!.id;
      return `Imran Khan met President Putin in Bishkek, Kyrgyzstan [${id}]. It was also blessed by the moon.`;
    };
    const { page, problems, context } = await openPage(browser, server.url);
    try {
      expect(await page.getByTestId('library').textContent()).toMatch(/answers by fake-model/);
      const { answer } = await askQuestion(page, QUESTION);
      expect(await answer.textContent()).toContain('Bishkek');
      const notes = answer.getByTestId('warnings');
      await expect(notes.isVisible()).resolves.toBe(true);
      expect(await notes.textContent()).toMatch(/removed the generated sentence "It was also blessed by the moon\.": it cites no source/);
      expect(await answer.locator('.answer-text').textContent()).not.toContain('moon');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows no notes under an answer without warnings', async () => {
    fake.reply = null;
    const { page, context } = await openPage(browser, server.url);
    try {
      const { answer } = await askQuestion(page, QUESTION);
      expect(await answer.getByTestId('warnings').isHidden()).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('says in the header when the LLM is unreachable', async () => {
    const down = await startServer({ ...config, llmUrl: 'http://127.0.0.1:9/v1', llmTimeoutMs: 1_000 }, silentLogger);
    const { page, context } = await openPage(browser, down.url);
    try {
      expect(await waitForLibrary(page)).toMatch(/fake-model unreachable/);
      const { answer } = await askQuestion(page, QUESTION);
      expect(await answer.getByTestId('warnings').textContent()).toMatch(/LLM generation failed/);
    } finally {
      await context.close();
      await down.close();
    }
  });
});
