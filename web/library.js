/**
 * What is indexed: the header line in words ("5 documents · offline answers"),
 * its details in a tooltip, and the documents panel listing every document
 * (title, file, type, passages) and the files that could not be indexed.
 * Refreshes when the index is rebuilt (an upload, `quire ingest`, --watch).
 * @module
 */
import { ApiError, getJson } from './api.js';
import { el, plural, withCode } from './dom.js';

/** How often the page checks whether the index was rebuilt while it is visible. */
const REFRESH_MS = 10_000;

/**
 * @typedef {{ id: string, title: string, path: string, type: string, chunks: number }} DocumentSummary
 * @typedef {{ documents: DocumentSummary[], failed: { path: string, error: string }[], uploads: { enabled: boolean, maxBytes: number } }} Library
 */

/**
 * @param {{ onOpenDocument: (doc: DocumentSummary, opener: HTMLElement) => void, onOpen?: () => void, onLibrary?: (library: Library) => void }} options
 */
export function createLibrary({ onOpenDocument, onOpen, onLibrary }) {
  const line = document.getElementById('library');
  const button = document.getElementById('documents-button');
  const answersBy = document.getElementById('answers-by');
  const panel = document.getElementById('documents-panel');
  const details = document.getElementById('library-details');
  const list = document.getElementById('documents');
  const failedSection = document.getElementById('failed-section');
  const failedList = document.getElementById('failed-documents');

  /** @type {Map<string, DocumentSummary>} */
  const byId = new Map();
  let builtAt = null;
  let opener = null;

  async function refresh({ force = false } = {}) {
    let health;
    let library;
    try {
      health = await getJson('/health');
      // Whether the LLM answers can change without a new index: shown on every refresh.
      showLlm(health.llm);
      if (!force && health.index.builtAt === builtAt) return;
      library = await getJson('/documents');
    } catch (error) {
      return showProblem(error);
    }
    builtAt = health.index.builtAt;
    byId.clear();
    for (const doc of library.documents) byId.set(doc.id, doc);
    line.classList.remove('library-problem');
    button.hidden = false;
    button.textContent = plural(library.documents.length, 'document');
    const about = describeIndex(health, library);
    line.title = about.join('\n');
    details.textContent = about.join(' · ');
    renderDocuments(library);
    onLibrary?.(library);
  }

  function showLlm(llm) {
    const down = llm.configured && llm.reachable === false;
    answersBy.textContent = !llm.configured ? 'offline answers' : down ? `${llm.model} unreachable — answers quote the documents` : `answers by ${llm.model}`;
    if (llm.configured) line.dataset.llm = down ? 'unreachable' : 'reachable';
    else delete line.dataset.llm;
  }

  function showProblem(error) {
    const problem =
      error instanceof ApiError && error.kind === 'unreachable' ? 'Server unreachable' : error instanceof ApiError && error.code === 'index_not_built' ? 'No index yet — run `quire ingest`' : `Index unavailable: ${error.message}`;
    builtAt = null;
    button.hidden = true;
    answersBy.replaceChildren(...withCode(problem));
    line.classList.add('library-problem');
  }

  function renderDocuments({ documents, failed }) {
    list.replaceChildren(
      ...documents.map((doc) => {
        const open = el('button', { type: 'button', className: 'document-title', textContent: doc.title, title: 'Read the whole document' });
        open.addEventListener('click', () => onOpenDocument(doc, open));
        return el(
          'li',
          { className: 'document', dataset: { testid: 'document', id: doc.id } },
          open,
          el('span', { className: 'document-meta' }, el('span', { className: 'document-file', textContent: doc.path }), ` · ${doc.type.toUpperCase()} · ${plural(doc.chunks, 'passage')}`),
        );
      }),
    );
    if (documents.length === 0) list.append(el('li', { className: 'document-none', textContent: 'No documents are indexed yet.' }));
    failedSection.hidden = failed.length === 0;
    failedList.replaceChildren(
      ...failed.map((file) => el('li', { className: 'document', dataset: { testid: 'failed-document' } }, el('span', { className: 'document-file', textContent: file.path }), el('span', { className: 'document-meta', textContent: file.error }))),
    );
  }

  function openPanel() {
    opener = document.activeElement;
    onOpen?.();
    panel.hidden = false;
    document.body.classList.add('panel-open');
    panel.focus();
    void refresh({ force: true });
  }

  function close() {
    if (panel.hidden) return;
    panel.hidden = true;
    document.body.classList.remove('panel-open');
    if (opener?.isConnected) opener.focus();
    opener = null;
  }

  button.addEventListener('click', () => (panel.hidden ? openPanel() : close()));
  document.getElementById('documents-close').addEventListener('click', close);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !panel.hidden) {
      event.preventDefault();
      close();
    }
  });
  setInterval(() => document.visibilityState === 'visible' && void refresh(), REFRESH_MS);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && void refresh());

  return {
    /** Re-reads the index description; `force` even when the index build is unchanged. */
    refresh,
    close,
    documentInfo: (docId) => byId.get(docId),
  };
}

/** The index in words, for the tooltip and the panel: passages, embedding model, when built, who answers. */
function describeIndex(health, { documents }) {
  const { index, llm } = health;
  const model = index.embedder.kind === 'corpus' ? `a model fitted to these documents (${index.embedder.modelId})` : index.embedder.modelId;
  return [
    `${plural(documents.length, 'document')}, ${plural(index.chunks, 'passage')}`,
    `searched with ${model}`,
    `indexed ${new Date(index.builtAt).toLocaleString()}`,
    llm.configured ? `answers written by ${llm.model}, quoting the passages` : 'answers quote the passages directly (no LLM configured)',
  ];
}
