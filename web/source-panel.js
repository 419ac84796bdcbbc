/**
 * The source panel: a cited chunk (GET /chunks/:id) with its document title
 * and file, the quoted sentence highlighted, steps to the neighbouring
 * chunks, and the whole document (GET /documents/:id) with that passage
 * marked. Escape or × closes it and gives focus back to what opened it.
 * @module
 */
import { getJson } from './api.js';
import { findQuote } from './citations.js';
import { el } from './dom.js';

/**
 * @param {{ documentInfo: (docId: string) => { path: string, chunks: number } | undefined, onOpen?: () => void }} options
 *   what the library knows about a document; `onOpen` runs when the panel opens (to close other sheets)
 */
export function createSourcePanel({ documentInfo, onOpen }) {
  const panel = document.getElementById('source-panel');
  const kicker = document.getElementById('source-kicker');
  const title = document.getElementById('source-title');
  const meta = document.getElementById('source-meta');
  const status = document.getElementById('source-status');
  const body = document.getElementById('source-text');
  const scroller = document.getElementById('source-body');
  const previous = document.getElementById('source-previous');
  const next = document.getElementById('source-next');
  const whole = document.getElementById('source-whole');

  let quote = '';
  let opener = null;
  /** The passage shown (or marked in the whole document). */
  let current = null;
  let neighbours = { previousId: null, nextId: null };
  /** Only the newest request may paint: stepping quickly must not show an older chunk last. */
  let requestNo = 0;

  async function load(path) {
    const mine = ++requestNo;
    status.textContent = 'Loading…';
    status.classList.remove('panel-error');
    previous.disabled = next.disabled = whole.disabled = true;
    try {
      const value = await getJson(path);
      if (mine !== requestNo) return null;
      status.textContent = '';
      return value;
    } catch (error) {
      if (mine !== requestNo) return null;
      status.textContent = `Could not load this: ${error.message}`;
      status.classList.add('panel-error');
      return null;
    }
  }

  function describe(docId, n) {
    const info = documentInfo(docId);
    const passage = info ? `Passage ${n + 1} of ${info.chunks}` : `Passage ${n + 1}`;
    meta.textContent = info ? `${info.path} · ${passage}` : passage;
  }

  async function show(id) {
    const chunk = await load(`/chunks/${encodeURIComponent(id)}`);
    if (!chunk) return;
    current = { id: chunk.id, docId: chunk.docId, n: chunk.n };
    kicker.textContent = 'Source';
    title.textContent = chunk.title;
    describe(chunk.docId, chunk.n);
    paint(body, chunk.text, findQuote(chunk.text, quote));
    neighbours = { previousId: chunk.previousId, nextId: chunk.nextId };
    previous.hidden = next.hidden = false;
    previous.disabled = !chunk.previousId;
    next.disabled = !chunk.nextId;
    whole.disabled = false;
    whole.textContent = 'Whole document';
    whole.dataset.mode = 'passage';
    scrollToMark();
  }

  /** Every passage of the document in order, overlaps removed, the current one marked. */
  async function showDocument(docId) {
    const doc = await load(`/documents/${encodeURIComponent(docId)}`);
    if (!doc) return;
    kicker.textContent = 'Document';
    title.textContent = doc.title;
    meta.textContent = `${doc.path} · ${doc.passages.length} passage${doc.passages.length === 1 ? '' : 's'}`;
    let end = 0;
    const nodes = doc.passages.map((passage) => {
      // Neighbouring chunks overlap: show each part of the document once.
      const fresh = passage.start < end ? passage.text.slice(end - passage.start) : (end > 0 ? '\n\n' : '') + passage.text;
      end = Math.max(end, passage.end);
      const node = el('span', { className: 'passage', dataset: { n: String(passage.n + 1), testid: 'passage' } });
      if (current?.id === passage.id) {
        node.classList.add('passage-current');
        paint(node, fresh, findQuote(fresh, quote));
      } else node.textContent = fresh;
      return node;
    });
    body.replaceChildren(...nodes);
    previous.hidden = next.hidden = true;
    whole.disabled = !current;
    whole.textContent = 'Just the passage';
    whole.dataset.mode = 'document';
    const marked = body.querySelector('.passage-current');
    scroller.scrollTop = marked ? marked.offsetTop - scroller.offsetTop - 24 : 0;
  }

  // Bring the highlight into view inside the panel, without scrolling the page behind it.
  function scrollToMark() {
    const mark = body.querySelector('mark');
    scroller.scrollTop = mark ? mark.getBoundingClientRect().top - body.getBoundingClientRect().top - scroller.clientHeight / 3 : 0;
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

  function reveal(from) {
    opener = from;
    body.replaceChildren();
    meta.textContent = '';
    onOpen?.();
    panel.hidden = false;
    document.body.classList.add('panel-open');
    panel.focus();
  }

  document.getElementById('source-close').addEventListener('click', close);
  previous.addEventListener('click', () => neighbours.previousId && show(neighbours.previousId));
  next.addEventListener('click', () => neighbours.nextId && show(neighbours.nextId));
  whole.addEventListener('click', () => {
    if (whole.dataset.mode === 'document' && current) void show(current.id);
    else if (current) void showDocument(current.docId);
  });
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
      title.textContent = citation.title;
      reveal(from);
      return show(citation.id);
    },
    /** Opens the panel on a whole document, from the documents list. */
    openDocument(doc, from) {
      quote = '';
      current = null;
      title.textContent = doc.title;
      reveal(from);
      return showDocument(doc.id);
    },
    close,
  };
}

/** `text` as text nodes into `target`, with the quoted range (if found) in a <mark>. */
function paint(target, text, range) {
  if (!range) return target.replaceChildren(document.createTextNode(text));
  const mark = document.createElement('mark');
  mark.textContent = text.slice(range.start, range.end);
  target.replaceChildren(document.createTextNode(text.slice(0, range.start)), mark, document.createTextNode(text.slice(range.end)));
}
