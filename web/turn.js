/**
 * One question and its answer in the thread. The answer's `[doc-id:n]`
 * markers become numbered chips (buttons) that open the source panel. All
 * text enters the DOM as text nodes: answers quote documents, and documents
 * are not trusted to be harmless HTML.
 * @module
 */
import { splitAnswer } from './citations.js';

/** @typedef {import('./store.js').Turn} Turn */
/** @typedef {import('./store.js').Citation} Citation */
/** @typedef {(citation: Citation, quote: string, opener: HTMLElement) => void} OpenSource */

/** Builds an element; `props` are DOM properties (textContent, className, dataset…), never HTML. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  const { dataset, attrs, ...rest } = props;
  Object.assign(node, rest);
  if (dataset) Object.assign(node.dataset, dataset);
  if (attrs) for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children.filter((child) => child != null));
  return node;
}

/**
 * The DOM of one turn. `pending` turns show the thinking indicator until text
 * arrives; `stream()` and `finish()` fill them in.
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
  const sources = el('ol', { className: 'sources', hidden: true, attrs: { 'aria-label': 'Sources' } });
  const answer = el('article', { className: 'answer', dataset: { testid: 'answer', state: pending ? 'pending' : 'done' } }, label, thinking, text, sources, notes);
  const root = el('div', { className: 'turn' }, el('p', { className: 'asked', dataset: { testid: 'asked' }, textContent: turn.question }), answer);

  const view = {
    root,
    answer,
    /** Shows the answer so far; markers resolve against the retrieved sources. */
    stream(partial, retrieved) {
      thinking?.remove();
      renderText(text, partial, retrieved, onOpenSource);
    },
    /** @param {Turn} done */
    finish(done) {
      thinking?.remove();
      answer.dataset.state = 'done';
      answer.dataset.grounded = String(done.grounded);
      answer.classList.toggle('answer-ungrounded', !done.grounded);
      label.hidden = done.grounded;
      const byId = new Map(done.citations.map((c) => [c.id, c]));
      const numbered = renderText(text, done.answer, byId, onOpenSource);
      renderSources(sources, numbered, onOpenSource);
      const lines = [];
      if (done.restarted) lines.push('The earlier conversation had expired on the server, so this question started a new one.');
      if (done.rewrittenQuery) lines.push(`Searched for: ${done.rewrittenQuery}`);
      notes.textContent = lines.join(' ');
      notes.hidden = lines.length === 0;
    },
  };
  if (!pending) view.finish(/** @type {Turn} */ (turn));
  return view;
}

/**
 * Fills `container` with the answer text and a chip per known citation, and
 * returns the cited sources in chip-number order with the quote each backs.
 * @param {Map<string, Citation>} known
 */
function renderText(container, answer, known, onOpenSource) {
  /** @type {Map<string, { n: number, citation: Citation, quote: string }>} */
  const numbered = new Map();
  const nodes = [];
  for (const part of splitAnswer(answer)) {
    if (part.type === 'text') {
      nodes.push(document.createTextNode(part.text));
      continue;
    }
    const cited = part.ids.filter((id) => known.has(id));
    // A marker naming nothing retrieved stays visible as the text it is.
    if (cited.length === 0) nodes.push(document.createTextNode(part.raw));
    for (const id of cited) {
      const citation = known.get(id);
      if (!numbered.has(id)) numbered.set(id, { n: numbered.size + 1, citation, quote: part.quote });
      nodes.push(chip(numbered.get(id).n, citation, part.quote, onOpenSource));
    }
  }
  container.replaceChildren(...nodes);
  return [...numbered.values()];
}

function chip(n, citation, quote, onOpenSource) {
  const button = el('button', {
    type: 'button',
    className: 'chip',
    textContent: String(n),
    title: `${citation.title} (${citation.id})`,
    attrs: { 'aria-label': `Source ${n}: ${citation.title}` },
    dataset: { testid: 'citation', id: citation.id },
  });
  button.addEventListener('click', () => onOpenSource(citation, quote, button));
  return button;
}

function renderSources(list, numbered, onOpenSource) {
  list.replaceChildren(
    ...numbered.map(({ n, citation, quote }) => {
      const button = el('button', { type: 'button', className: 'source-link', dataset: { testid: 'source-link', id: citation.id } }, el('span', { className: 'source-n', textContent: String(n) }), el('span', { textContent: citation.title }));
      button.addEventListener('click', () => onOpenSource(citation, quote, button));
      return el('li', {}, button);
    }),
  );
  list.hidden = numbered.length === 0;
}
