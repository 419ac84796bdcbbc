/**
 * The chat page against a server started with QUIRE_API_TOKEN: it asks for
 * the token once, keeps it in session storage for the tab, and answers.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { askQuestion, browserSkipReason, launchChromium, startIndexedServer, waitForLibrary } from './harness.js';

const API_TOKEN = 'page-api-token-0b7e55';
let browser: Browser;
let server: RunningServer;
let plain: RunningServer;

describe.skipIf(browserSkipReason !== undefined)('the page and QUIRE_API_TOKEN', () => {
  beforeAll(async () => {
    const indexed = await startIndexedServer();
    plain = indexed.server;
    server = await startServer(withConfig({ ...indexed.config, apiToken: API_TOKEN }), silentLogger);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([server?.close(), plain?.close()]);
  });

  it('asks for the token once, keeps it for the tab, and answers with it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const prompts: string[] = [];
    page.on('dialog', (dialog) => {
      prompts.push(dialog.message());
      void dialog.accept(API_TOKEN);
    });
    await page.goto(server.url);
    expect(await waitForLibrary(page)).toMatch(/5 documents/);
    const { answer } = await askQuestion(page, 'Where did Imran Khan meet President Putin?');
    expect(await answer.textContent()).toContain('Bishkek');
    await page.reload();
    await waitForLibrary(page);
    await askQuestion(page, 'Which Pakistani leader visited Russia in 1965?');
    expect(prompts).toEqual(['This Quire server needs its API token (QUIRE_API_TOKEN):']);
    expect(await page.evaluate(() => sessionStorage.getItem('quire-api-token'))).toBe(API_TOKEN);
    await context.close();
  }, 120_000);

  it('never asks when the server needs no token', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const prompts: string[] = [];
    page.on('dialog', (dialog) => void prompts.push(dialog.message()));
    await page.goto(plain.url);
    await waitForLibrary(page);
    expect(prompts).toEqual([]);
    await context.close();
  });
});
