/**
 * The chat page in headless Chromium against the real server over a real
 * index of the default corpus (plus one hostile document): asking, streaming,
 * citations and their sources, conversations, the error states, XSS, and
 * screenshots for a person to look at.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { testConfig } from '../helpers/fixtures.js';
import { postJson } from '../helpers/http.js';
import {
  ARTIFACTS_DIR,
  askExpectingError,
  askQuestion,
  doneAnswers,
  type ServedAnswer,
  browserSkipReason,
  launchChromium,
  pageSet,
  PAYLOAD,
  PHONE,
  sentBody,
  startIndexedServer,
  storedThread,
  zorblaxAccord,
} from './harness.js';

/** A document that would run script if the page ever inserted document text as HTML. */
const HOSTILE_DOC = zorblaxAccord({ hostileTitle: true });

describe.skipIf(browserSkipReason !== undefined)('chat page in Chromium', () => {
  let browser: Browser;
  let config: Config;
  let server: RunningServer;
  /** A server over an empty index directory: every question is a 503 index_not_built. */
  let unbuilt: RunningServer;
  const pages = pageSet(() => browser);
  const open = (url = server.url, viewport?: { width: number; height: number }) => pages.open(url, viewport);
  const chunk = async (id: string) =>
    (await (await fetch(`${server.url}/chunks/${encodeURIComponent(id)}`)).json()) as { title: string; text: string; n: number; previousId: string | null; nextId: string | null };

  beforeAll(async () => {
    browser = await launchChromium();
    ({ config, server } = await startIndexedServer({ 'zorblax-accord.txt': HOSTILE_DOC }));
    unbuilt = await startServer(await testConfig(), silentLogger);
  });

  // Every page must have run without uncaught errors, CSP violations or dialogs.
  afterEach(() => pages.closeAll());

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await unbuilt?.close();
  });

  it('shows what is indexed, then streams a cited answer to a dev-set question', async () => {
    const { page } = await open();
    const documents = ((await (await fetch(`${server.url}/documents`)).json()) as { documents: unknown[] }).documents;
    expect(await page.getByTestId('library').textContent()).toContain(`${documents.length} documents`);

    // Hold the request briefly (it still goes to the real server) so the thinking state can be seen.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/ask', async (route) => {
      await held;
      await route.continue();
    });
    const responded = page.waitForResponse((response) => new URL(response.url()).pathname === '/ask');
    await page.getByTestId('question').fill('Where did Imran Khan meet President Putin?');
    await page.getByTestId('question').press('Enter');
    await page.getByTestId('thinking').waitFor();
    // While it answers, Stop takes Send's place.
    expect(await page.getByTestId('send').isVisible()).toBe(false);
    expect(await page.getByTestId('stop').isVisible()).toBe(true);
    release();

    const response = await responded;
    expect(response.request().headers()['accept']).toContain('text/event-stream');
    expect(response.headers()['content-type']).toContain('text/event-stream');
    const answer = doneAnswers(page).first();
    await answer.waitFor();
    expect(await page.getByTestId('thinking').count()).toBe(0);
    expect(await page.getByTestId('send').isVisible()).toBe(true);
    expect(await page.getByTestId('stop').isVisible()).toBe(false);
    expect(await answer.getAttribute('data-grounded')).toBe('true');
    expect(await answer.textContent()).toContain('Bishkek');
    // The same question asked outside the browser (as JSON) gets the same answer: the stream was read right.
    await expectRendered(answer, (await postJson(`${server.url}/ask`, { question: 'Where did Imran Khan meet President Putin?' })).json);

    const chips = answer.getByTestId('citation');
    expect(await chips.count()).toBeGreaterThanOrEqual(1);
    for (const chip of await chips.all()) {
      expect(await chip.evaluate((node) => node.tagName)).toBe('BUTTON');
      expect(await chip.getAttribute('aria-label')).toMatch(/^Source \d+: ./);
    }
    expect(await page.locator('#thread').getAttribute('aria-live')).toBe('polite');
  });

  it('opens a citation’s source with the quoted sentence highlighted, and steps to its neighbours', async () => {
    const { page } = await open();
    const { answer } = await askQuestion(page, 'Where did Imran Khan meet President Putin?');
    const chip = answer.getByTestId('citation').first();
    const id = (await chip.getAttribute('data-id'))!;
    const cited = await chunk(id);

    await chip.click();
    const panel = page.getByTestId('source-panel');
    await panel.locator('mark').waitFor();
    expect(await panel.getByTestId('source-title').textContent()).toBe(cited.title);
    expect(await panel.getByTestId('source-text').textContent()).toBe(cited.text);
    const marked = (await panel.locator('mark').textContent())!;
    expect(marked.length).toBeGreaterThan(20);
    expect(cited.text).toContain(marked);
    // The highlight is a sentence the answer quoted.
    expect((await answer.textContent())!.replace(/\s+/g, ' ')).toContain(marked.replace(/\s+/g, ' '));

    // Step to a neighbour and back.
    const [button, neighbourId] = cited.nextId ? (['source-next', cited.nextId] as const) : (['source-previous', cited.previousId!] as const);
    const neighbour = await chunk(neighbourId);
    await panel.getByTestId(button).click();
    await page.waitForFunction((text) => document.querySelector('[data-testid="source-text"]')?.textContent === text, neighbour.text);
    expect(await panel.getByTestId('source-meta').textContent()).toContain(`Passage ${neighbour.n + 1} of`);
    await panel.getByTestId(button === 'source-next' ? 'source-previous' : 'source-next').click();
    await page.waitForFunction((text) => document.querySelector('[data-testid="source-text"]')?.textContent === text, cited.text);
    await panel.locator('mark').waitFor();

    // Escape closes the panel and gives focus back to the chip.
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    expect(await chip.evaluate((node) => node === document.activeElement)).toBe(true);
  });

  it('works from the keyboard alone: Shift+Enter is a new line, Enter sends, chips open with Enter', async () => {
    const { page } = await open();
    await page.keyboard.press('Tab'); // skip the documents button
    await page.keyboard.press('Tab'); // and "New conversation"
    await page.keyboard.press('Tab');
    expect(await page.getByTestId('question').evaluate((node) => node === document.activeElement)).toBe(true);
    await page.keyboard.type('Where did Imran Khan');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('meet President Putin?');
    expect(await page.getByTestId('question').inputValue()).toBe('Where did Imran Khan\nmeet President Putin?');
    expect(await page.getByTestId('answer').count()).toBe(0);

    await page.keyboard.press('Enter');
    const answer = doneAnswers(page).first();
    await answer.waitFor();
    expect(await answer.textContent()).toContain('Bishkek');
    await answer.getByTestId('citation').first().focus();
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('source-panel');
    await panel.locator('mark').waitFor();
    expect(await panel.evaluate((node) => node.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
  });

  it('asks a follow-up in the same conversation', async () => {
    const { page } = await open();
    const first = await askQuestion(page, 'Why was Putin’s 2012 visit to Pakistan cancelled?');
    expect(sentBody(first.request).conversationId).toBeUndefined();
    const conversationId = (await storedThread(page))?.conversationId;
    expect(conversationId).toEqual(expect.any(String));

    const follow = await askQuestion(page, 'Whom did Russia send to Islamabad instead?');
    expect(sentBody(follow.request)).toEqual({ question: 'Whom did Russia send to Islamabad instead?', conversationId });
    expect(await doneAnswers(page).count()).toBe(2);
    const stored = (await storedThread(page))!;
    expect(stored.conversationId).toBe(conversationId);
    const served = stored.turns[1]!;
    await expectRendered(follow.answer, served);
    // The standalone query retrieval ran for the follow-up is shown under its answer.
    if (served.rewrittenQuery) expect(await follow.answer.locator('.answer-note').textContent()).toContain(served.rewrittenQuery);
    expect(await page.getByTestId('asked').allTextContents()).toEqual(['Why was Putin’s 2012 visit to Pakistan cancelled?', 'Whom did Russia send to Islamabad instead?']);
  });

  it('keeps the thread across a reload, and "New conversation" clears it', async () => {
    const { page } = await open();
    await askQuestion(page, 'Where did Imran Khan meet President Putin?');
    await askQuestion(page, 'Who is the current president of France?');
    const before = await page.getByTestId('answer').allTextContents();
    const { conversationId } = (await storedThread(page))!;

    await page.reload();
    expect(await page.getByTestId('answer').allTextContents()).toEqual(before);
    expect(await doneAnswers(page).first().getByTestId('citation').count()).toBeGreaterThanOrEqual(1);
    const after = await askQuestion(page, 'What is CASA-1000?');
    expect(sentBody(after.request).conversationId).toBe(conversationId);

    await page.getByTestId('new-conversation').click();
    expect(await page.getByTestId('answer').count()).toBe(0);
    expect(await storedThread(page)).toBeNull();
    await page.reload();
    expect(await page.getByTestId('answer').count()).toBe(0);
    const fresh = await askQuestion(page, 'What is CASA-1000?');
    expect(sentBody(fresh.request).conversationId).toBeUndefined();
  });

  it('shows "not in the documents" answers differently, without citations', async () => {
    const { page } = await open();
    const grounded = (await askQuestion(page, 'Where did Imran Khan meet President Putin?')).answer;
    const { answer } = await askQuestion(page, 'Who is the current president of France?');
    expect(await answer.getAttribute('data-grounded')).toBe('false');
    expect(await answer.getByTestId('citation').count()).toBe(0);
    expect(await answer.locator('.answer-label').isVisible()).toBe(true);
    expect(await answer.locator('.answer-label').textContent()).toBe('Not in the documents');
    const style = (locator: typeof answer) => locator.evaluate((node) => [getComputedStyle(node).borderTopStyle, getComputedStyle(node).color].join(' '));
    expect(await style(answer)).not.toBe(await style(grounded));
  });

  it('shows the server’s message when the index is not built (503)', async () => {
    const { page } = await open(unbuilt.url);
    expect(await page.getByTestId('library').textContent()).toMatch(/No index yet/);
    const served = (await (await fetch(`${unbuilt.url}/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"question":"Anything?"}' })).json()) as { error: { code: string; message: string } };
    expect(served.error.code).toBe('index_not_built');

    const shown = await askExpectingError(page, 'Where did Imran Khan meet President Putin?');
    // Commands in backticks are shown as <code>.
    expect(shown).toContain('The index isn’t built yet — run quire ingest');
    expect(await page.getByTestId('error').locator('code').first().textContent()).toBe('quire ingest');
    expect(shown).toContain(served.error.message.replaceAll('`', ''));
    expect(await page.getByTestId('answer').count()).toBe(0);
    // The question is given back for another try.
    expect(await page.getByTestId('question').inputValue()).toBe('Where did Imran Khan meet President Putin?');
  });

  it('shows the server’s message for a rejected request (400)', async () => {
    // The textarea stops questions over 2000 characters, so reach the server's validation
    // through the other field the page sends: a stored conversation id that is too long.
    const { page } = await open();
    await page.evaluate(() => localStorage.setItem('quire.thread.v1', JSON.stringify({ conversationId: 'c'.repeat(201), turns: [] })));
    await page.reload();
    const shown = await askExpectingError(page, 'Where did Imran Khan meet President Putin?');
    expect(shown).toContain('HTTP 400');
    expect(shown).toContain('conversationId must be at most 200 characters');
  });

  it('says so when the server cannot be reached', async () => {
    // A second server over the same index, closed once the page has loaded from it.
    const doomed = await startServer(config, silentLogger);
    const { page } = await open(doomed.url);
    await doomed.close();
    const shown = await askExpectingError(page, 'Where did Imran Khan meet President Putin?');
    expect(shown).toContain('Can’t reach the Quire server');
    expect(await page.getByTestId('answer').count()).toBe(0);
  });

  it('shows document text as text: a document containing an <img onerror> creates no element and runs nothing', async () => {
    const { page, dialogs } = await open();
    const { answer } = await askQuestion(page, 'What warning is printed on every ferry ticket under the Zorblax Accord?');
    expect(await answer.getAttribute('data-grounded')).toBe('true');
    // The quoted sentence carries the markup; the answer shows it as characters.
    expect(await answer.locator('.answer-text').innerText()).toContain(PAYLOAD);
    await answer.getByTestId('citation').first().click();
    const panel = page.getByTestId('source-panel');
    await panel.locator('mark').waitFor();
    expect(await panel.getByTestId('source-title').textContent()).toContain(PAYLOAD);
    expect(await panel.getByTestId('source-text').textContent()).toContain(PAYLOAD);
    expect(await panel.getByTestId('source-text').innerText()).toContain(PAYLOAD);
    expect(await page.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('looks right: a full conversation on a desktop and on a phone (screenshots in test-artifacts/)', async () => {
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    const converse = async (viewport?: { width: number; height: number }) => {
      const { page } = await open(server.url, viewport);
      for (const question of ['Where did Imran Khan meet President Putin?', 'Why was Putin’s 2012 visit to Pakistan cancelled?', 'Whom did Russia send to Islamabad instead?', 'Who is the current president of France?']) {
        await askQuestion(page, question);
      }
      return page;
    };

    const desktop = await converse();
    await doneAnswers(desktop).first().getByTestId('citation').first().click();
    await desktop.getByTestId('source-panel').locator('mark').waitFor();
    // The whole thread in one picture: grow the window to the page (the sticky bars stay put).
    await desktop.setViewportSize({ width: 1280, height: await desktop.evaluate(() => document.documentElement.scrollHeight) });
    await desktop.screenshot({ path: path.join(ARTIFACTS_DIR, 'chat.png') });

    const phone = await converse(PHONE);
    // Nothing wider than the screen (no sideways scrolling), and the newest answer is not hidden under the composer.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const bottomOfAnswer = (await doneAnswers(phone).last().boundingBox())!;
    const composer = (await phone.locator('.composer-wrap').boundingBox())!;
    expect(bottomOfAnswer.y + bottomOfAnswer.height).toBeLessThanOrEqual(composer.y + 1);
    await phone.screenshot({ path: path.join(ARTIFACTS_DIR, 'chat-phone.png') });
    await doneAnswers(phone).nth(1).getByTestId('citation').first().click();
    await phone.getByTestId('source-panel').locator('mark').waitFor();
    await phone.screenshot({ path: path.join(ARTIFACTS_DIR, 'chat-phone-source.png') });
  });
});

/** The answer element shows the `done` answer: its text with every marker a chip, in the cited order. */
async function expectRendered(answer: Locator, done: ServedAnswer): Promise<void> {
  const text = await answer.locator('.answer-text').evaluate((node) =>
    Array.from(node.childNodes).filter((child) => child.nodeType === Node.TEXT_NODE).map((child) => child.textContent).join(''),
  );
  expect(text).toBe(done.answer.replace(/\[[^\]\s]+:\d+(?:[,;]\s*[^\]\s]+:\d+)*\]/g, ''));
  const chipIds = await answer.getByTestId('citation').evaluateAll((chips) => chips.map((chip) => (chip as HTMLElement).dataset.id));
  expect([...new Set(chipIds)]).toEqual(done.citations.map((c) => c.id));
}
