/**
 * One question and its answer in the thread. The answer's `[doc-id:n]`
 * markers become numbered chips (buttons) that open the source panel; an
 * LLM's Markdown is rendered as a safe subset (markdown.js). All text enters
 * the DOM as text nodes: answers quote documents, and documents are not
 * trusted to be harmless HTML.
 * @module
 */
import { createAnswerSplitter, numberMarkers } from './citations.js';
import { el } from './dom.js';
import { renderMarkdown } from './markdown.js';

/** @typedef {import('./store.js').Turn} Turn */
/** @typedef {import('./store.js').Citation} Citation */
/** @typedef {(citation: Citation, quote: string, opener: HTMLElement) => void} OpenSource */

/** Questions longer than this (or with more lines) are shown folded, with a button to unfold. */
const LONG_QUESTION_CHARS = 280;
const LONG_QUESTION_LINES = 4;
/** Words of the quote a source pill shows, so two passages of one document look different. */
const PILL_QUOTE_WORDS = 6;

/** The passage number people see (1-based) from a chunk id `doc:n` (0-based). */
export const passageNumber = (chunkId) => Number(chunkId.slice(chunkId.lastIndexOf(':') + 1)) + 1;

/**
 * The DOM of one turn. `pending` turns show the thinking indicator until text
 * arrives; `stream()` and `finish()` fill them in, `stop()` ends them early.
 * @param {Turn | { question: string }} turn
 * @param {{ pending?: boolean, onOpenSource: OpenSource }} options
 */
export function createTurnView(turn, { pending = false, onOpenSource }) {
  const thinking = pending
    ? el('div', { className: 'thinking', dataset: { testid: 'thinking' } }, el('span', { className: 'dots', attrs: { 'aria-hidden': 'true' } }, el('span'), el('span'), el('span')), 'Searching the documents…')
    : null;
  const label = el('p', { className: 'answer-label', textContent: 'Not in the documents', hidden: true });
  const text = el('div', { className: 'answer-text' });
  const notes = el('p', { className: 'answer-note', hidden: true });
  const warnings = el('ul', { className: 'answer-warnings', hidden: true, dataset: { testid: 'warnings' }, attrs: { 'aria-label': 'Notes on this answer' } });
  const sources = el('ol', { className: 'sources', hidden: true, attrs: { 'aria-label': 'Sources' } });
  const copy = el('button', { type: 'button', className: 'button-quiet answer-action', textContent: 'Copy', hidden: true, dataset: { testid: 'copy' }, attrs: { 'aria-label': 'Copy the answer with its sources' } });
  const actions = el('div', { className: 'answer-actions' }, copy);
  const answer = el('article', { className: 'answer', dataset: { testid: 'answer', state: pending ? 'pending' : 'done' } }, label, thinking, text, sources, notes, warnings, actions);
  const root = el('div', { className: 'turn' }, askedView(turn.question), answer);
  /** Plain text for the copy button: set when the answer is done. */
  let plain = '';
  copy.addEventListener('click', async () => {
    copy.textContent = (await copyText(plain)) ? 'Copied' : 'Copy failed';
    setTimeout(() => (copy.textContent = 'Copy'), 2000);
  });

  const view = {
    root,
    answer,
    /** Shows the answer so far; markers resolve against the retrieved sources. */
    stream(partial, retrieved) {
      thinking?.remove();
      renderText(text, partial, retrieved, onOpenSource, false);
    },
    /** @param {Turn} done */
    finish(done) {
      thinking?.remove();
      answer.dataset.state = 'done';
      answer.dataset.grounded = String(done.grounded);
      answer.classList.toggle('answer-ungrounded', !done.grounded);
      label.hidden = done.grounded;
      const byId = new Map(done.citations.map((c) => [c.id, c]));
      const numbered = renderText(text, done.answer, byId, onOpenSource, done.mode === 'llm');
      renderSources(sources, numbered, onOpenSource);
      const lines = [];
      if (done.restarted) lines.push('The earlier conversation had expired on the server, so this question started a new one.');
      if (done.rewrittenQuery) lines.push(`Searched for: ${done.rewrittenQuery}`);
      notes.textContent = lines.join(' ');
      notes.hidden = lines.length === 0;
      // What the server changed or could not do: removed sentences and citations, fallbacks.
      const said = done.warnings ?? [];
      warnings.replaceChildren(...said.map((warning) => el('li', { textContent: warning })));
      warnings.hidden = said.length === 0;
      plain = plainAnswer(done.answer, numbered);
      copy.hidden = false;
    },
    /** The reader stopped it: keep what arrived, say it is unfinished. */
    stop() {
      thinking?.remove();
      answer.dataset.state = 'stopped';
      notes.textContent = text.textContent ? 'Stopped — this answer is unfinished.' : 'Stopped before any answer arrived.';
      notes.hidden = false;
    },
  };
  if (!pending) view.finish(/** @type {Turn} */ (turn));
  return view;
}

/** The question as asked; a long one folded to a few lines with a button to show all of it. */
function askedView(question) {
  const asked = el('p', { className: 'asked', dataset: { testid: 'asked' }, textContent: question });
  const long = question.length > LONG_QUESTION_CHARS || question.split('\n').length > LONG_QUESTION_LINES;
  if (!long) return asked;
  asked.classList.add('asked-folded');
  const toggle = el('button', { type: 'button', className: 'asked-toggle', textContent: `Show all ${question.length.toLocaleString('en')} characters`, dataset: { testid: 'expand-question' }, attrs: { 'aria-expanded': 'false' } });
  toggle.addEventListener('click', () => {
    const folded = asked.classList.toggle('asked-folded');
    toggle.textContent = folded ? `Show all ${question.length.toLocaleString('en')} characters` : 'Show less';
    toggle.setAttribute('aria-expanded', String(!folded));
  });
  return el('div', { className: 'asked-wrap' }, asked, toggle);
}

/**
 * Fills `container` with the answer (Markdown when the LLM wrote it, else the
 * quoted text as is) and a chip per known citation, and returns the cited
 * sources in chip-number order with the quote each backs.
 * @param {Map<string, Citation>} known
 */
function renderText(container, answer, known, onOpenSource, markdown) {
  /** @type {Map<string, { n: number, citation: Citation, quote: string }>} */
  const numbered = new Map();
  const split = createAnswerSplitter();
  const renderRun = (run) =>
    split(run).flatMap((part) => {
      if (part.type === 'text') return [document.createTextNode(part.text)];
      const cited = part.ids.filter((id) => known.has(id));
      // A marker naming nothing retrieved stays visible as the text it is.
      if (cited.length === 0) return [document.createTextNode(part.raw)];
      return cited.map((id) => {
        const citation = known.get(id);
        if (!numbered.has(id)) numbered.set(id, { n: numbered.size + 1, citation, quote: part.quote });
        return chip(numbered.get(id).n, citation, part.quote, onOpenSource);
      });
    });
  container.classList.toggle('answer-md', markdown);
  container.replaceChildren(...(markdown ? renderMarkdown(answer, renderRun) : renderRun(answer)));
  return [...numbered.values()];
}

function chip(n, citation, quote, onOpenSource) {
  const passage = passageNumber(citation.id);
  const button = el('button', {
    type: 'button',
    className: 'chip',
    textContent: String(n),
    title: `${citation.title}, passage ${passage}`,
    attrs: { 'aria-label': `Source ${n}: ${citation.title}, passage ${passage}` },
    dataset: { testid: 'citation', id: citation.id },
  });
  button.addEventListener('click', () => onOpenSource(citation, quote, button));
  return button;
}

/** The first few words of a quote, with an ellipsis when there are more. */
export function firstWords(text, count = PILL_QUOTE_WORDS) {
  const words = text.trim().split(/\s+/).filter(Boolean);
  return words.length > count ? `${words.slice(0, count).join(' ')}…` : words.join(' ');
}

function renderSources(list, numbered, onOpenSource) {
  list.replaceChildren(
    ...numbered.map(({ n, citation, quote }) => {
      const opening = firstWords(quote || citation.text);
      const button = el(
        'button',
        { type: 'button', className: 'source-link', dataset: { testid: 'source-link', id: citation.id }, title: `${citation.title}, passage ${passageNumber(citation.id)}: “${opening}”` },
        el('span', { className: 'source-n', textContent: String(n) }),
        el(
          'span',
          { className: 'source-label' },
          el('span', { className: 'source-title', textContent: citation.title }),
          el('span', { className: 'source-passage', dataset: { testid: 'source-passage' }, textContent: `passage ${passageNumber(citation.id)}` }),
          opening ? el('span', { className: 'source-quote', textContent: `“${opening}”`, dataset: { passage: `passage ${passageNumber(citation.id)}` } }) : null,
        ),
      );
      button.addEventListener('click', () => onOpenSource(citation, quote, button));
      return el('li', {}, button);
    }),
  );
  list.hidden = numbered.length === 0;
}

/** The answer as plain text with `[n]` citations and the numbered sources under it. */
function plainAnswer(answer, numbered) {
  const numberOf = new Map(numbered.map(({ n, citation }) => [citation.id, n]));
  const body = numberMarkers(answer, (id) => numberOf.get(id)).trim();
  if (numbered.length === 0) return body;
  const sources = numbered.map(({ n, citation }) => `[${n}] ${citation.title}, passage ${passageNumber(citation.id)} (${citation.id})`);
  return `${body}\n\nSources:\n${sources.join('\n')}`;
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
