/**
 * The chat page: wires the composer, the thread, the source panel and the
 * header line together. Plain ES modules served by the Quire server; nothing
 * is loaded from anywhere else, so the page works offline.
 * @module
 */
import { ApiError, ask, getJson } from './api.js';
import { createSourcePanel } from './source-panel.js';
import { loadThread, saveThread } from './store.js';
import { createTurnView, el } from './turn.js';

const form = document.getElementById('composer');
const question = document.getElementById('question');
const send = document.getElementById('send');
const threadEl = document.getElementById('thread');
const empty = document.getElementById('empty');
const errorEl = document.getElementById('error');
const library = document.getElementById('library');

/** docId → number of chunks, from GET /documents (for "Passage 3 of 12"). */
const chunkCounts = new Map();
const panel = createSourcePanel({ chunkCount: (docId) => chunkCounts.get(docId) });
const openSource = (citation, quote, opener) => void panel.open(citation, quote, opener);

const thread = loadThread();
/** The request in flight, so "New conversation" can cancel it. */
let inFlight = null;

for (const turn of thread.turns) threadEl.append(createTurnView(turn, { onOpenSource: openSource }).root);
empty.hidden = thread.turns.length > 0;
void describeLibrary();

question.addEventListener('keydown', (event) => {
  // isComposing: Enter also confirms an IME composition, which must not send.
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = question.value.trim();
  if (!text || inFlight) return;
  void submit(text);
});

document.getElementById('new-conversation').addEventListener('click', () => {
  inFlight?.abort();
  thread.conversationId = null;
  thread.turns = [];
  saveThread(thread);
  threadEl.replaceChildren(empty);
  empty.hidden = false;
  showError(null);
  panel.close();
  question.focus();
});

async function submit(text) {
  showError(null);
  empty.hidden = true;
  const view = createTurnView({ question: text }, { pending: true, onOpenSource: openSource });
  threadEl.append(view.root);
  reveal(view.root);
  question.value = '';
  const controller = new AbortController();
  inFlight = controller;
  setBusy(true);

  let retrieved = new Map();
  let streamed = '';
  const sentId = thread.conversationId;
  try {
    const answer = await ask(
      { question: text, ...(sentId && { conversationId: sentId }) },
      {
        onCitations: (list) => (retrieved = new Map(list.map((c) => [c.id, c]))),
        onToken: (piece) => view.stream((streamed += piece), retrieved),
      },
      controller.signal,
    );
    const turn = {
      question: text,
      answer: answer.answer,
      citations: answer.citations,
      grounded: answer.grounded,
      ...(answer.rewrittenQuery && { rewrittenQuery: answer.rewrittenQuery }),
      ...(sentId && answer.newConversation && { restarted: true }),
    };
    view.finish(turn);
    reveal(view.root);
    thread.conversationId = answer.conversationId;
    thread.turns.push(turn);
    saveThread(thread);
  } catch (error) {
    view.root.remove();
    if (controller.signal.aborted) return;
    // Give the question back so trying again is one keystroke.
    if (!question.value) question.value = text;
    empty.hidden = thread.turns.length > 0;
    showError(error);
  } finally {
    if (inFlight === controller) {
      inFlight = null;
      setBusy(false);
    }
  }
}

/** Scrolls a turn into view: all of it when it fits, else from its start. */
function reveal(node) {
  const fits = node.getBoundingClientRect().height < window.innerHeight * 0.6;
  node.scrollIntoView({ block: fits ? 'end' : 'start' });
}

function setBusy(busy) {
  send.disabled = busy;
  send.textContent = busy ? 'Answering…' : 'Send';
  // The thread is aria-live: while busy, screen readers hold back the word-by-word
  // stream and read the answer once it is complete, instead of every fragment.
  threadEl.setAttribute('aria-busy', String(busy));
}

/** Shows what went wrong and what to do about it; null clears it. */
function showError(error) {
  errorEl.hidden = !error;
  if (!error) return errorEl.replaceChildren();
  const { headline, detail } = explain(error);
  errorEl.replaceChildren(el('strong', {}, ...withCode(headline)), detail ? el('span', { className: 'error-detail' }, ...withCode(detail)) : null);
}

/** Text with its `backticked` commands as <code> elements — built from text nodes, never parsed as HTML. */
function withCode(text) {
  return text.split('`').map((piece, i) => (i % 2 ? el('code', { textContent: piece }) : document.createTextNode(piece)));
}

function explain(error) {
  if (!(error instanceof ApiError)) return { headline: 'Something went wrong in the page.', detail: String(error?.message ?? error) };
  if (error.kind === 'unreachable') return { headline: 'Can’t reach the Quire server.', detail: 'Check that `quire serve` (or `npm start`) is running, then try again.' };
  if (error.code === 'index_not_built') return { headline: 'The index isn’t built yet — run `quire ingest`.', detail: error.message };
  if (error.status === 503) return { headline: 'The index can’t be used right now.', detail: error.message };
  if (error.status === 429) return { headline: 'Too many questions at once.', detail: error.message };
  if (error.kind === 'stream') return { headline: 'The answer failed part-way.', detail: error.message };
  if (error.status >= 500) return { headline: `The server had a problem (HTTP ${error.status}).`, detail: error.message };
  return { headline: `The server couldn’t take that question (HTTP ${error.status}).`, detail: error.message };
}

/** The header line: what is indexed, with which model. */
async function describeLibrary() {
  try {
    const [health, { documents }] = await Promise.all([getJson('/health'), getJson('/documents')]);
    for (const doc of documents) chunkCounts.set(doc.id, doc.chunks);
    const { embedder } = health.index;
    const parts = [
      plural(documents.length, 'document'),
      plural(health.index.chunks, 'passage'),
      `${embedder.kind === 'corpus' ? 'corpus model' : 'model'} ${embedder.modelId}`,
      ...(health.llm.configured ? [`LLM ${health.llm.model}`] : []),
    ];
    library.textContent = parts.join(' · ');
    library.title = documents.map((doc) => doc.title).join('\n');
  } catch (error) {
    const problem =
      error instanceof ApiError && error.kind === 'unreachable' ? 'Server unreachable' : error instanceof ApiError && error.code === 'index_not_built' ? 'No index yet — run `quire ingest`' : `Index unavailable: ${error.message}`;
    library.replaceChildren(...withCode(problem));
    library.classList.add('library-problem');
  }
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
