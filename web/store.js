/**
 * The thread in local storage, so a reload keeps the conversation. Storage can
 * be missing or full (private windows, quotas): then the page simply forgets.
 * @module
 */

const KEY = 'quire.thread.v1';
/** Older turns are dropped beyond this many, to stay well inside the storage quota. */
const MAX_TURNS = 50;

/**
 * @typedef {{ id: string, docId: string, title: string, text: string, score: number }} Citation
 * @typedef {{ question: string, answer: string, citations: Citation[], grounded: boolean, mode?: 'extractive' | 'llm', rewrittenQuery?: string, restarted?: boolean, warnings?: string[] }} Turn
 * @typedef {{ conversationId: string | null, turns: Turn[] }} Thread
 */

/** @returns {Thread} */
export function loadThread() {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    if (saved && Array.isArray(saved.turns)) {
      return { conversationId: typeof saved.conversationId === 'string' ? saved.conversationId : null, turns: saved.turns.filter(isTurn) };
    }
  } catch {
    // Unreadable or unavailable: start empty.
  }
  return { conversationId: null, turns: [] };
}

/** @param {Thread} thread */
export function saveThread(thread) {
  try {
    if (thread.turns.length === 0 && thread.conversationId === null) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, JSON.stringify({ conversationId: thread.conversationId, turns: thread.turns.slice(-MAX_TURNS) }));
  } catch {
    // Full or unavailable: the thread lives on in the page until it is closed.
  }
}

const isTurn = (turn) => turn && typeof turn.question === 'string' && typeof turn.answer === 'string' && Array.isArray(turn.citations);
