/**
 * Adding documents from the page, when the server's admin routes are on: a
 * drop zone and file picker in the documents panel. The admin token is asked
 * for once (inline, not a dialog) and kept for this tab in session storage;
 * the upload's progress, the re-index's progress and the result are shown
 * as they happen.
 * @module
 */
import { ApiError, getJson, uploadDocument } from './api.js';
import { plural } from './dom.js';

const TOKEN_KEY = 'quire.adminToken';
const POLL_MS = 400;
const PHASES = { load: 'reading documents', embed: 'embedding passages', write: 'writing the index' };

/** @param {{ onIndexed: () => Promise<void> }} options `onIndexed` refreshes the library once a re-index finished */
export function createUpload({ onIndexed }) {
  const zone = document.getElementById('upload');
  const input = document.getElementById('upload-input');
  const status = document.getElementById('upload-status');
  const tokenForm = document.getElementById('token-form');
  const tokenInput = document.getElementById('token-input');
  const tokenNote = document.getElementById('token-note');

  /** Files waiting for the token. */
  let waiting = [];
  let busy = false;

  const say = (text, kind = '') => {
    status.textContent = text;
    status.dataset.kind = kind;
  };

  async function add(files) {
    const token = readToken();
    if (!token) {
      waiting = files;
      askToken('Adding documents needs the admin token (QUIRE_ADMIN_TOKEN). It is kept for this tab only.');
      return;
    }
    if (busy) return say('Wait for the current upload to finish.', 'error');
    busy = true;
    zone.classList.add('upload-busy');
    try {
      for (const file of files) if (!(await addOne(file, token))) break;
    } finally {
      busy = false;
      zone.classList.remove('upload-busy');
    }
  }

  /** Uploads one file and follows its re-index; false when the rest should not follow. */
  async function addOne(file, token) {
    try {
      say(`Uploading ${file.name}…`);
      const { document: stored, job } = await uploadDocument(file, {
        token,
        onProgress: (sent, total) => say(`Uploading ${file.name}… ${Math.round((100 * sent) / total)}%`),
      });
      say(`Uploaded ${file.name}. Re-indexing…`);
      const done = await follow(job, token, file.name);
      await onIndexed();
      if (done.state !== 'succeeded') {
        say(`${file.name} was stored, but the re-index failed: ${done.error?.message ?? 'unknown error'}`, 'error');
        return false;
      }
      const failure = done.summary?.documents.failed.find((failed) => failed.path === stored.path);
      if (failure) say(`${stored.path} could not be indexed: ${failure.error}`, 'error');
      else say(`${stored.replaced ? 'Replaced' : 'Added'} ${stored.path}: indexed, ${plural(done.summary?.chunks ?? 0, 'passage')} in the library now.`, 'ok');
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        forgetToken();
        waiting = [file];
        askToken('The server refused that admin token. Enter it again.');
        say('');
        return false;
      }
      say(`${file.name}: ${error.message}`, 'error');
      return false;
    }
  }

  async function follow(job, token, name) {
    for (;;) {
      if (job.state === 'succeeded' || job.state === 'failed') return job;
      const progress = job.progress ? ` ${PHASES[job.progress.phase] ?? job.progress.phase}${job.progress.total ? ` ${job.progress.done}/${job.progress.total}` : ''}` : '';
      say(job.state === 'queued' ? `Uploaded ${name}. Waiting for the re-index already running…` : `Re-indexing with ${name}:${progress || ' starting'}…`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      ({ job } = await getJson(`/admin/reindex/${job.id}`, { token }));
    }
  }

  function askToken(note) {
    tokenNote.textContent = note;
    tokenForm.hidden = false;
    tokenInput.value = '';
    tokenInput.focus();
  }

  tokenForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = tokenInput.value.trim();
    if (!token) return;
    try {
      sessionStorage.setItem(TOKEN_KEY, token);
    } catch {
      // No session storage: the token is asked for again next time.
    }
    tokenForm.hidden = true;
    const files = waiting;
    waiting = [];
    memory = token;
    if (files.length) void add(files);
  });

  /** Session storage, or this page's memory when storage is unavailable. */
  let memory = '';
  function readToken() {
    try {
      return sessionStorage.getItem(TOKEN_KEY) ?? memory;
    } catch {
      return memory;
    }
  }
  function forgetToken() {
    memory = '';
    try {
      sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      // Nothing stored.
    }
  }

  input.addEventListener('change', () => {
    const files = [...input.files];
    input.value = '';
    if (files.length) void add(files);
  });
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('upload-over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('upload-over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('upload-over');
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length) void add(files);
  });

  return {
    /** Shows the drop zone only when the server accepts uploads. */
    setEnabled(enabled) {
      zone.hidden = !enabled;
    },
  };
}
