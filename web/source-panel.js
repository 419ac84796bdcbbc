/**
 * The source panel: a cited chunk (GET /chunks/:id) with its document title,
 * the quoted sentence highlighted, and steps to the neighbouring chunks.
 * Escape or × closes it and gives focus back to the chip that opened it.
 * @module
 */
import { getJson } from './api.js';
import { findQuote } from './citations.js';

/**
 * @param {{ chunkCount: (docId: string) => number | undefined }} library how many chunks a document has, when known
 */
export function createSourcePanel({ chunkCount }) {
  const panel = document.getElementById('source-panel');
  const title = document.getElementById('source-title');
  const meta = document.getElementById('source-meta');
  const status = document.getElementById('source-status');
  const body = document.getElementById('source-text');
  const scroller = document.getElementById('source-body');
  const previous = document.getElementById('source-previous');
  const next = document.getElementById('source-next');

  let quote = '';
  let opener = null;
  let neighbours = { previousId: null, nextId: null };
  /** Only the newest request may paint: stepping quickly must not show an older chunk last. */
  let requestNo = 0;

  async function show(id) {
    const mine = ++requestNo;
    status.textContent = 'Loading…';
    status.classList.remove('panel-error');
    previous.disabled = next.disabled = true;
    let chunk;
    try {
      chunk = await getJson(`/chunks/${encodeURIComponent(id)}`);
    } catch (error) {
      if (mine !== requestNo) return;
      status.textContent = `Could not load this passage: ${error.message}`;
      status.classList.add('panel-error');
      return;
    }
    if (mine !== requestNo) return;
    status.textContent = '';
    title.textContent = chunk.title;
    const total = chunkCount(chunk.docId);
    meta.textContent = total ? `Passage ${chunk.n + 1} of ${total}` : `Passage ${chunk.n + 1}`;
    paint(chunk.text, findQuote(chunk.text, quote));
    neighbours = { previousId: chunk.previousId, nextId: chunk.nextId };
    previous.disabled = !chunk.previousId;
    next.disabled = !chunk.nextId;
    // Bring the highlight into view inside the panel, without scrolling the page behind it.
    const mark = body.querySelector('mark');
    scroller.scrollTop = mark ? mark.getBoundingClientRect().top - body.getBoundingClientRect().top - scroller.clientHeight / 3 : 0;
  }

  /** The chunk as text nodes, with the quoted range (if found here) in a <mark>. */
  function paint(text, range) {
    if (!range) return body.replaceChildren(document.createTextNode(text));
    const mark = document.createElement('mark');
    mark.textContent = text.slice(range.start, range.end);
    body.replaceChildren(document.createTextNode(text.slice(0, range.start)), mark, document.createTextNode(text.slice(range.end)));
  }

  function close() {
    if (panel.hidden) return;
    requestNo++;
    panel.hidden = true;
    document.body.classList.remove('panel-open');
    if (opener?.isConnected) opener.focus();
    else document.getElementById('question').focus();
    opener = null;
  }

  document.getElementById('source-close').addEventListener('click', close);
  previous.addEventListener('click', () => neighbours.previousId && show(neighbours.previousId));
  next.addEventListener('click', () => neighbours.nextId && show(neighbours.nextId));
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !panel.hidden) {
      event.preventDefault();
      close();
    }
  });

  return {
    /** Opens the panel on a citation; `quote` is the answer text the citation backs. */
    open(citation, quotedText, from) {
      quote = quotedText;
      opener = from;
      title.textContent = citation.title;
      meta.textContent = '';
      body.replaceChildren();
      panel.hidden = false;
      document.body.classList.add('panel-open');
      panel.focus();
      return show(citation.id);
    },
    close,
  };
}
