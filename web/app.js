/**
 * The chat page: wires the composer, the thread, the source panel, the
 * header line and the documents panel together. Plain ES modules served by
 * the Quire server; nothing is loaded from anywhere else, so the page works offline.
 * @module
 */
import { ApiError, ask } from './api.js';
import { el, withCode } from './dom.js';
import { createLibrary } from './library.js';
import { createSourcePanel } from './source-panel.js';
import { loadThread, saveThread } from './store.js';
import { createTurnView } from './turn.js';
import { createUpload } from './upload.js';

/** The server's limit (AskRequestSchema in src/server/schemas.ts): a longer question is refused, never cut. */
const MAX_QUESTION_CHARS = 2000;
/** The counter appears from here on. */
const COUNT_FROM_CHARS = 1600;

const form = document.getElementById('composer');
const question = document.getElementById('question');
const send = document.getElementById('send');
const stop = document.getElementById('stop');
const counter = document.getElementById('question-count');
const threadEl = document.getElementById('thread');
const empty = document.getElementById('empty');
const errorEl = document.getElementById('error');

// One side sheet at a time: opening one closes the other.
const library = createLibrary({
  onOpen: () => panel.close(),
  onOpenDocument: (doc, opener) => void panel.openDocument(doc, opener),
  onLibrary: ({ uploads }) => upload.setEnabled(uploads.enabled),
});
const panel = createSourcePanel({ documentInfo: library.documentInfo, onOpen: () => library.close() });
const upload = createUpload({ onIndexed: () => library.refresh({ force: true }) });
const openSource = (citation, quote, opener) => void panel.open(citation, quote, opener);

const thread = loadThread();
/** The request in flight, so "New conversation" can cancel it. */
let inFlight = null;

for (const turn of thread.turns) threadEl.append(createTurnView(turn, { onOpenSource: openSource }).root);
empty.hidden = thread.turns.length > 0;
void library.refresh();

question.addEventListener('input', showCount);
stop.addEventListener('click', () => inFlight?.stop());

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
  if (text.length > MAX_QUESTION_CHARS) {
    showMessage(
      `That question is ${text.length.toLocaleString('en')} characters; questions can be at most ${MAX_QUESTION_CHARS.toLocaleString('en')}.`,
      'Nothing was sent and nothing was cut. Shorten it (keep the question itself, not only the pasted text) and send again.',
      'too-long',
    );
    return;
  }
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
  library.close();
  question.focus();
});

async function submit(text) {
  showError(null);
  empty.hidden = true;
  const view = createTurnView({ question: text }, { pending: true, onOpenSource: openSource });
  threadEl.append(view.root);
  reveal(view.root);
  question.value = '';
  showCount();
  const controller = new AbortController();
  /** Stopped by the reader (keep what arrived), or cancelled by "New conversation" (drop it). */
  let stopped = false;
  const request = { abort: () => controller.abort(), stop: () => ((stopped = true), controller.abort()) };
  inFlight = request;
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
      mode: answer.mode,
      ...(answer.warnings?.length && { warnings: answer.warnings }),
      ...(answer.rewrittenQuery && { rewrittenQuery: answer.rewrittenQuery }),
      ...(sentId && answer.newConversation && { restarted: true }),
    };
    view.finish(turn);
    reveal(view.root);
    thread.conversationId = answer.conversationId;
    thread.turns.push(turn);
    saveThread(thread);
    void library.refresh();
  } catch (error) {
    if (stopped) return view.stop();
    view.root.remove();
    if (controller.signal.aborted) return;
    // Give the question back so trying again is one keystroke.
    if (!question.value) question.value = text;
    empty.hidden = thread.turns.length > 0;
    showError(error);
  } finally {
    if (inFlight === request) {
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
  send.hidden = busy;
  stop.hidden = !busy;
  // The thread is aria-live: while busy, screen readers hold back the word-by-word
  // stream and read the answer once it is complete, instead of every fragment.
  threadEl.setAttribute('aria-busy', String(busy));
}

/** Shows what went wrong and what to do about it; null clears it. */
function showError(error) {
  if (!error) return showMessage(null);
  const { headline, detail } = explain(error);
  showMessage(headline, detail);
}

/** `kind` 'too-long' lets the message go away by itself once the question is short enough. */
function showMessage(headline, detail, kind = '') {
  errorEl.hidden = !headline;
  errorEl.dataset.kind = kind;
  if (!headline) return errorEl.replaceChildren();
  errorEl.replaceChildren(el('strong', {}, ...withCode(headline)), detail ? el('span', { className: 'error-detail' }, ...withCode(detail)) : null);
}

/** The character count, shown near and over the limit. */
function showCount() {
  const length = question.value.trim().length;
  counter.hidden = length < COUNT_FROM_CHARS;
  counter.textContent = `${length.toLocaleString('en')} / ${MAX_QUESTION_CHARS.toLocaleString('en')}`;
  counter.classList.toggle('question-count-over', length > MAX_QUESTION_CHARS);
  if (length <= MAX_QUESTION_CHARS && errorEl.dataset.kind === 'too-long') showMessage(null);
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
