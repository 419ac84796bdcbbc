/**
 * What the browser tests share: Debian's Chromium driven by playwright-core,
 * real Quire servers over real indexes, and pages that record what went wrong
 * in them (uncaught errors, Content-Security-Policy violations, dialogs).
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page, type Request } from 'playwright-core';
import { expect } from 'vitest';
import type { Config } from '../../src/config.js';
import { ingest } from '../../src/ingest/ingest.js';
import { silentLogger } from '../../src/log.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { copyDefaultCorpus, repoRoot, testConfig } from '../helpers/fixtures.js';

/**
 * Debian's package (playwright's own browser download cannot work offline). `.ci/run` installs
 * it and names it in QUIRE_TEST_CHROMIUM, which makes it required: missing, the tests fail.
 * Elsewhere a missing Chromium skips the browser tests with the reason printed, as a missing
 * database skips the postgres ones.
 */
export const CHROMIUM_PATH = process.env.QUIRE_TEST_CHROMIUM || '/usr/bin/chromium';

/** Why the browser tests are skipped here, or undefined when they run. */
export const browserSkipReason =
  process.env.QUIRE_TEST_CHROMIUM || existsSync(CHROMIUM_PATH) ? undefined : `browser tests skipped: Chromium is missing at ${CHROMIUM_PATH} (\`apt-get install -y chromium\`; bash .ci/run installs it and requires it)`;
if (browserSkipReason) console.warn(browserSkipReason);
/** Screenshots for people to look at; git-ignored. */
export const ARTIFACTS_DIR = path.join(repoRoot, 'test-artifacts');

/** Markup that would run script if the page ever inserted document or answer text as HTML. */
export const PAYLOAD = '<img src=x onerror=alert(1)>';

/** A small document carrying PAYLOAD in its body (and, when asked, in its title). */
export const zorblaxAccord = ({ hostileTitle = false } = {}): string =>
  [
    hostileTitle ? `The Zorblax ${PAYLOAD} Accord` : 'The Zorblax Accord',
    '',
    'The Zorblax Accord was signed in 2019 by the ferry cooperatives of the lake towns.',
    `Under the Zorblax Accord every ferry ticket carries the printed warning ${PAYLOAD} in its lower corner.`,
    'The accord also fixed the winter timetable and the price of a crossing for children.',
  ].join('\n');

export const DESKTOP = { width: 1280, height: 860 };
/** An iPhone 12–15 sized screen. */
export const PHONE = { width: 390, height: 844 };

export function launchChromium(): Promise<Browser> {
  // Where Chromium is required (QUIRE_TEST_CHROMIUM) a missing one fails the tests loudly.
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: run \`apt-get install -y chromium\` (bash .ci/run does).`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Nothing may reach the network but the test server: no updaters, sync or QUIC probes.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A server over a real index of a private copy of the default corpus, plus `extraFiles` (name → text), with `overrides` of the test settings. */
export async function startIndexedServer(extraFiles: Record<string, string> = {}, overrides: Partial<Config> = {}): Promise<{ config: Config; server: RunningServer }> {
  const corpusDir = await copyDefaultCorpus();
  for (const [name, text] of Object.entries(extraFiles)) await writeFile(path.join(corpusDir, name), text);
  const config = await testConfig({ corpusDir, ...overrides });
  await ingest({ config, log: silentLogger });
  return { config, server: await startServer(config, silentLogger) };
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught page errors and CSP violations: a working page has none. */
  problems: string[];
  /** Messages of alert/confirm/prompt dialogs that opened (and were dismissed). */
  dialogs: string[];
}

/** A fresh browser context (own local storage) on `url`, with the header line loaded. */
export async function openPage(browser: Browser, url: string, viewport = DESKTOP): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const watched: WatchedPage = { page, context, problems: [], dialogs: [] };
  page.on('pageerror', (error) => watched.problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) watched.problems.push(`CSP: ${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    watched.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(url);
  await waitForLibrary(page);
  return watched;
}

export interface PageSet {
  /** Opens `url` in a fresh context (see openPage), to be closed by `closeAll`. */
  open(url: string, viewport?: { width: number; height: number }): Promise<WatchedPage>;
  /** Closes every page opened since the last call, and fails if one had an uncaught error, a CSP violation or a dialog. */
  closeAll(): Promise<void>;
}

/** The pages a suite opens, for its `afterEach` to close and check: a working page has no problems and opens no dialog. */
export function pageSet(browser: () => Browser): PageSet {
  const pages: WatchedPage[] = [];
  return {
    async open(url, viewport = DESKTOP) {
      const watched = await openPage(browser(), url, viewport);
      pages.push(watched);
      return watched;
    },
    async closeAll() {
      for (const { context, problems, dialogs } of pages.splice(0)) {
        await context.close();
        expect(problems).toEqual([]);
        expect(dialogs).toEqual([]);
      }
    },
  };
}

/** Resolves once the header line has stopped saying it is checking the index. */
export async function waitForLibrary(page: Page): Promise<string> {
  const library = page.getByTestId('library');
  await page.waitForFunction(() => !document.querySelector('[data-testid="library"]')?.textContent?.startsWith('Checking'));
  return (await library.textContent()) ?? '';
}

/** Finished answers (not the one still streaming), in thread order. */
export const doneAnswers = (page: Page): Locator => page.locator('[data-testid="answer"][data-state="done"]');

/** What the server answered (the `done` event, or the JSON response), as far as the page shows it. */
export interface ServedAnswer {
  answer: string;
  citations: { id: string; title: string }[];
  grounded: boolean;
  rewrittenQuery?: string;
}

/** Types a question, sends it with Enter, and waits for the finished answer; returns it and the request that asked. */
export async function askQuestion(page: Page, question: string): Promise<{ answer: Locator; request: Request }> {
  const before = await doneAnswers(page).count();
  // (The body of a streamed response cannot be read back through the browser; the request can.)
  const asked = page.waitForRequest((request) => request.method() === 'POST' && new URL(request.url()).pathname === '/ask');
  await page.getByTestId('question').fill(question);
  await page.getByTestId('question').press('Enter');
  const request = await asked;
  const answer = doneAnswers(page).nth(before);
  await answer.waitFor();
  return { answer, request };
}

/** Sends a question that is expected to fail, and waits for the error message. */
export async function askExpectingError(page: Page, question: string): Promise<string> {
  await page.getByTestId('question').fill(question);
  await page.getByTestId('send').click();
  const error = page.getByTestId('error');
  await error.waitFor();
  return (await error.textContent()) ?? '';
}

/** The JSON body a request sent. */
export const sentBody = (request: Request): { question: string; conversationId?: string } => JSON.parse(request.postData() ?? '{}');

/** The page's stored thread (local storage), or null. */
export const storedThread = (page: Page): Promise<{ conversationId: string | null; turns: ServedAnswer[] } | null> =>
  page.evaluate(() => JSON.parse(localStorage.getItem('quire.thread.v1') ?? 'null'));
