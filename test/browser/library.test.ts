/**
 * The page's library and answer tools in headless Chromium, against real
 * servers over real indexes: the documents panel (and its refresh after a
 * re-index), uploading from the page, copy, stop, passage numbers on source
 * pills, the question length limit, an LLM's Markdown rendered as text only,
 * and the header and chips at desktop and phone sizes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import type { RunningServer } from '../../src/server/serve.js';
import { startFakeLlm, type FakeLlm } from '../helpers/fake-openai.js';
import { ARTIFACTS_DIR, askQuestion, browserSkipReason, DESKTOP, doneAnswers, launchChromium, pageSet, PAYLOAD, PHONE, startIndexedServer, zorblaxAccord } from './harness.js';

const ADMIN_TOKEN = 'browser-admin-token';
const ZORBLAX = zorblaxAccord();

describe.skipIf(browserSkipReason !== undefined)('documents, upload and answer tools in Chromium', () => {
  let browser: Browser;
  let config: Config;
  let server: RunningServer;
  let fake: FakeLlm;
  let llmServer: RunningServer;
  const pages = pageSet(() => browser);
  const open = (url = server.url, viewport = DESKTOP) => pages.open(url, viewport);

  beforeAll(async () => {
    browser = await launchChromium();
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    ({ config, server } = await startIndexedServer({ 'broken.pdf': 'this is not a pdf at all' }, { adminToken: ADMIN_TOKEN }));
    fake = await startFakeLlm();
    ({ server: llmServer } = await startIndexedServer({ 'zorblax-accord.txt': ZORBLAX }, { llmUrl: fake.url, llmModel: 'llama3.1', llmTimeoutMs: 20_000 }));
  });

  afterEach(async () => {
    fake.behaviour = 'cite';
    fake.reply = null;
    await pages.closeAll();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await llmServer?.close();
    await fake?.close();
  });

  it('lists every document with title, file, type and passages, and the file that failed with its reason', async () => {
    const { page } = await open();
    const listed = (await (await fetch(`${server.url}/documents`)).json()) as { documents: { id: string; title: string; path: string; chunks: number }[] };
    expect(await page.getByTestId('library').textContent()).toBe(`${listed.documents.length} documents · offline answers`);
    expect(await page.getByTestId('documents-panel').isVisible()).toBe(false);
    await page.getByTestId('documents-button').click();
    const items = page.getByTestId('documents').getByTestId('document');
    await items.first().waitFor();
    expect(await items.count()).toBe(listed.documents.length);
    for (const doc of listed.documents) {
      const text = await page.locator(`[data-testid="document"][data-id="${doc.id}"]`).textContent();
      expect(text).toContain(doc.title);
      expect(text).toContain(doc.path);
      expect(text).toContain('TXT');
      expect(text).toContain(`${doc.chunks} passages`);
    }
    const failed = page.getByTestId('failed-documents').getByTestId('failed-document');
    expect(await failed.count()).toBe(1);
    expect(await failed.textContent()).toMatch(/broken\.pdf.*not a valid PDF/);
    expect(await page.getByTestId('library-details').textContent()).toMatch(/passages · searched with a model fitted to these documents/);

    // A document opens whole in the reader, its passages in order.
    await page.locator(`[data-testid="document"][data-id="${listed.documents[0]!.id}"] button`).click();
    const passages = page.getByTestId('source-panel').getByTestId('passage');
    await passages.first().waitFor();
    expect(await passages.count()).toBe(listed.documents[0]!.chunks);
    expect(await page.getByTestId('source-meta').textContent()).toContain(listed.documents[0]!.path);
    expect(await page.getByTestId('documents-panel').isVisible()).toBe(false); // one sheet at a time
  });

  it('uploads a dropped file with the admin token asked once, shows the progress and result, and refreshes the list and header', async () => {
    const { page } = await open();
    await page.getByTestId('documents-button').click();
    await page.getByTestId('upload').waitFor();
    const before = await page.getByTestId('documents').getByTestId('document').count();
    const progress: string[] = [];
    await page.exposeFunction('recordStatus', (text: string) => progress.push(text));
    await page.evaluate(() => {
      const status = document.querySelector('[data-testid="upload-status"]')!;
      new MutationObserver(() => (window as unknown as { recordStatus: (t: string) => void }).recordStatus(status.textContent ?? '')).observe(status, { childList: true, characterData: true, subtree: true });
    });
    // A real drop event carrying a real File.
    const drop = async (name: string, text: string) => {
      const transfer = await page.evaluateHandle(([n, t]) => {
        const data = new DataTransfer();
        data.items.add(new File([t!], n!, { type: 'text/plain' }));
        return data;
      }, [name, text]);
      await page.getByTestId('upload').dispatchEvent('drop', { dataTransfer: transfer });
    };
    await drop('observatory-notes.txt', 'Observatory notes\n\nThe Kestrel Hill observatory opened its brass refractor to the public in the spring of 1894.\n');
    await page.getByTestId('token-form').waitFor();
    await page.getByTestId('token-input').fill(ADMIN_TOKEN);
    await page.getByTestId('token-input').press('Enter');
    const status = page.getByTestId('upload-status');
    await page.waitForFunction(() => document.querySelector('[data-testid="upload-status"]')?.getAttribute('data-kind') === 'ok', null, { timeout: 90_000 });
    expect(await status.textContent()).toMatch(/^Added observatory-notes\.txt: indexed/);
    expect(progress.some((line) => line.startsWith('Uploading observatory-notes.txt'))).toBe(true);
    expect(progress.some((line) => /Re-indexing/.test(line))).toBe(true);
    await page.locator('[data-testid="document"][data-id="observatory-notes"]').waitFor();
    expect(await page.getByTestId('documents').getByTestId('document').count()).toBe(before + 1);
    expect(await page.getByTestId('library').textContent()).toContain(`${before + 1} documents`);
    expect(await page.evaluate(() => sessionStorage.getItem('quire.adminToken'))).toBe(ADMIN_TOKEN);

    // The token is not asked again in this tab; a file that cannot be indexed says why.
    await drop('empty.md', '   \n');
    await page.waitForFunction(() => document.querySelector('[data-testid="upload-status"]')?.getAttribute('data-kind') === 'error', null, { timeout: 90_000 });
    expect(await page.getByTestId('token-form').isVisible()).toBe(false);
    expect(await status.textContent()).toMatch(/empty\.md/);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'library-upload-desktop.png') });
  });

  it('refreshes the header and the list after a re-index it did not start', async () => {
    const { page } = await open();
    const count = Number((await page.getByTestId('documents-button').textContent())!.split(' ')[0]);
    await writeFile(path.join(config.corpusDir, 'harbour.md'), '# Harbour\n\nThe Saltmarsh harbour master rang the fog bell every night of the winter of 1911.\n');
    const started = await fetch(`${server.url}/admin/reindex`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(started.status).toBe(202);
    await page.waitForFunction((n) => document.querySelector('[data-testid="documents-button"]')?.textContent === `${n} documents`, count + 1, { timeout: 90_000 });
  });

  it('copies an answer as plain text with its numbered sources, and pills name the passage and the first words', async () => {
    const { page, context } = await open();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const { answer } = await askQuestion(page, 'Where did Imran Khan meet President Putin?');
    const pill = answer.getByTestId('source-link').first();
    const id = (await pill.getAttribute('data-id'))!;
    const passage = Number(id.split(':').at(-1)) + 1;
    expect(await pill.getByTestId('source-passage').textContent()).toBe(`passage ${passage}`);
    expect(await pill.textContent()).toMatch(/“Prime Minister Imran Khan['’]s visit is…”/);
    await answer.getByTestId('copy').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="copy"]')?.textContent === 'Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/Bishkek.*\[1\]/s);
    expect(copied).not.toContain(`[${id}]`); // markers became numbers
    expect(copied).toContain(`Sources:\n[1] `);
    expect(copied).toContain(`passage ${passage} (${id})`);
  });

  it('refuses a question over 2,000 characters with a message, sends nothing and cuts nothing; long questions show folded', async () => {
    const { page } = await open(server.url, PHONE);
    const asks: string[] = [];
    page.on('request', (request) => new URL(request.url()).pathname === '/ask' && asks.push(request.url()));
    const pasted = `${'Background paragraph about the talks. '.repeat(87)}Where did Imran Khan meet President Putin?`;
    expect(pasted.length).toBeGreaterThan(3300);
    await page.getByTestId('question').fill(pasted);
    expect(await page.getByTestId('question-count').textContent()).toBe(`${pasted.length.toLocaleString('en')} / 2,000`);
    await page.getByTestId('send').click();
    expect(await page.getByTestId('error').textContent()).toMatch(/That question is 3,\d{3} characters; questions can be at most 2,000/);
    expect(await page.getByTestId('question').inputValue()).toBe(pasted); // nothing cut
    expect(asks).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'library-too-long-phone.png') });

    // Under the limit it goes, and is shown folded with a way to read all of it.
    const long = `${'Background paragraph about the talks. '.repeat(40)}Where did Imran Khan meet President Putin?`;
    await page.getByTestId('question').fill(long);
    expect(await page.getByTestId('error').isVisible()).toBe(false);
    await askQuestion(page, long);
    const asked = page.getByTestId('asked').first();
    const folded = await asked.evaluate((node) => node.getBoundingClientRect().height);
    await page.getByTestId('expand-question').click();
    expect(await asked.evaluate((node) => node.getBoundingClientRect().height)).toBeGreaterThan(folded * 2);
    expect(await asked.textContent()).toBe(long);
  });

  it('has citation chips and pills of at least 32 px on a phone, and a one-line header at 1280 px in LLM mode', async () => {
    const phone = await open(server.url, PHONE);
    const { answer } = await askQuestion(phone.page, 'Where did Imran Khan meet President Putin?');
    for (const target of [answer.getByTestId('citation').first(), answer.getByTestId('source-link').first(), phone.page.getByTestId('documents-button')]) {
      const box = (await target.boundingBox())!;
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(32);
    }
    await phone.page.screenshot({ path: path.join(ARTIFACTS_DIR, 'library-answer-phone.png') });

    const desktop = await open(llmServer.url, DESKTOP);
    const header = desktop.page.getByTestId('library');
    expect(await header.textContent()).toMatch(/^6 documents · answers by llama3\.1/);
    const lineHeight = await header.evaluate((node) => parseFloat(getComputedStyle(node).lineHeight));
    expect((await header.boundingBox())!.height).toBeLessThan(lineHeight * 1.5);
    expect(await header.getAttribute('title')).toMatch(/answers written by llama3\.1/);
  });

  it('renders an LLM answer’s Markdown (bold, code) with text nodes only: a quoted <img onerror> stays text', async () => {
    const { page } = await open(llmServer.url);
    fake.reply = (sources) => {
      const zorblax = sources.find((source) => source.id.startsWith('zorblax-accord'))!;
      const sentences = zorblax.text.match(/[^.]+\./g)!.map((s) => s.trim());
      const warning = sentences.find((s) => s.includes('printed warning'))!;
      const timetable = sentences.find((s) => s.includes('winter timetable'))!;
      return `${warning.replace('Zorblax Accord', '**Zorblax Accord**')} [${zorblax.id}] ${timetable.replace('winter timetable', '`winter timetable`')} [${zorblax.id}]`;
    };
    // A question the answer model is confident the documents answer: below its threshold the LLM is not asked.
    const { answer } = await askQuestion(page, 'What warning does every ferry ticket carry under the Zorblax Accord?');
    expect(await answer.getAttribute('data-grounded')).toBe('true');
    const text = answer.locator('.answer-text');
    expect(await text.locator('strong').first().textContent(), await text.innerHTML()).toBe('Zorblax Accord');
    expect(await text.locator('code').first().textContent()).toBe('winter timetable');
    expect(await text.textContent()).toContain(PAYLOAD);
    expect(await text.textContent()).not.toMatch(/\*\*|`/);
    expect(await answer.locator('img').count()).toBe(0);
    expect(await text.getByTestId('citation').count()).toBeGreaterThanOrEqual(1);
  });

  it('renders lists, headings and code blocks of a stored LLM answer as elements built from text, never HTML', async () => {
    const { page } = await open(llmServer.url);
    const citation = { id: 'zorblax-accord:0', docId: 'zorblax-accord', title: 'The Zorblax Accord', text: ZORBLAX, score: 1 };
    const answerText = [
      '## What the accord says',
      '',
      `1. Every ticket carries the printed warning ${PAYLOAD} in its lower corner. [zorblax-accord:0]`,
      '2. It fixed the **winter timetable**. [zorblax-accord:0]',
      '',
      '- signed in _2019_',
      '- by the ferry cooperatives',
      '',
      '```',
      '<script>document.title = "pwned"</script>',
      '```',
    ].join('\n');
    await page.evaluate(
      (thread) => localStorage.setItem('quire.thread.v1', JSON.stringify(thread)),
      { conversationId: null, turns: [{ question: 'What does the accord say?', answer: answerText, citations: [citation], grounded: true, mode: 'llm' }] },
    );
    await page.reload();
    const text = doneAnswers(page).first().locator('.answer-text');
    await text.waitFor();
    expect(await text.locator('.md-heading').textContent()).toBe('What the accord says');
    expect(await text.locator('ol > li').count()).toBe(2);
    expect(await text.locator('ul > li').count()).toBe(2);
    expect(await text.locator('em').textContent()).toBe('2019');
    expect(await text.locator('pre > code').textContent()).toBe('<script>document.title = "pwned"</script>');
    expect(await text.locator('ol > li').first().textContent()).toContain(PAYLOAD);
    expect(await text.locator('img, script').count()).toBe(0);
    expect(await page.title()).toBe('Quire');
    expect(await text.getByTestId('citation').count()).toBe(2);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'library-markdown-desktop.png') });
  });

  it('stops a generating answer: the request is aborted, what arrived stays, marked unfinished', async () => {
    const { page } = await open(llmServer.url);
    fake.behaviour = 'endless';
    fake.tokenDelayMs = 20;
    const abandoned = fake.nextAbandon();
    await page.getByTestId('question').fill('Where did Imran Khan meet President Putin?');
    await page.getByTestId('question').press('Enter');
    await page.getByTestId('stop').waitFor();
    // Stopped once the first verified sentence is on the page (only checked sentences are streamed,
    // so that is after the model has begun the next one): a stop before the server even asked the
    // model has no generation to cancel.
    const streaming = page.locator('[data-testid="answer"][data-state="pending"] .answer-text');
    await page.waitForFunction(() => (document.querySelector('[data-testid="answer"][data-state="pending"] .answer-text')?.textContent ?? '').length > 0, null, { timeout: 60_000 });
    const arrived = (await streaming.textContent())!;
    const failed = page.waitForEvent('requestfailed', (request) => new URL(request.url()).pathname === '/ask');
    await page.getByTestId('stop').click();
    expect((await failed).failure()?.errorText).toMatch(/ABORTED/i);
    await abandoned; // and the server let go of the model
    const stopped = page.locator('[data-testid="answer"][data-state="stopped"]');
    await stopped.waitFor();
    expect(await stopped.textContent()).toMatch(/Stopped — this answer is unfinished/);
    expect(await stopped.locator('.answer-text').textContent()).toContain(arrived);
    expect(await page.getByTestId('send').isVisible()).toBe(true);
    expect(await doneAnswers(page).count()).toBe(0);
    fake.tokenDelayMs = 5;
  });
});
