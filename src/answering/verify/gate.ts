/**
 * The gate between a generated answer and the user: sentence by sentence, as
 * they complete, only supported sentences that cite a retrieved chunk pass;
 * the rest are set aside with the reason. Fed token by token while the model
 * streams, so nothing unchecked is ever shown, and once with the whole text
 * otherwise — the same code either way.
 * @module
 */
import { checkCitations } from '../citations.js';
import { splitClaims, type Claim } from './claims.js';
import { judgeSupport, prepareEvidence, type Evidence, type PreparedEvidence } from './support.js';

export interface UnsupportedSentence {
  sentence: string;
  citedIds: string[];
  reason: string;
}

export interface GatedAnswer {
  /** The supported sentences in the model's layout (paragraphs, list items): exactly the pieces passed to `onVerified`, in order. */
  text: string;
  /** Retrieved ids the kept sentences cite, in order, each once. */
  citedIds: string[];
  unsupported: UnsupportedSentence[];
  /** Cited ids that were never retrieved, each once (removed from kept sentences). */
  inventedIds: string[];
}

export interface SentenceGate {
  /** Feeds the next piece of the model's text. */
  push(piece: string): void;
  /** The stream ended: judges the last sentence and returns the outcome. */
  end(): GatedAnswer;
}

/**
 * @param sources the retrieved chunks by id
 * @param onVerified called with each supported sentence as it passes, preceded by what separates it from the one before
 */
export function createSentenceGate(sources: ReadonlyMap<string, Evidence>, onVerified?: (text: string) => void): SentenceGate {
  const retrievedIds = new Set(sources.keys());
  let output = '';
  const cited = new Set<string>();
  const invented = new Set<string>();
  const unsupported: UnsupportedSentence[] = [];
  let text = '';
  /** Where the judged claims end in `text`: claims starting before it were judged already. */
  let judgedUpTo = 0;
  let lastKept: Claim | undefined;
  // Each chunk is read once, when a sentence first cites it.
  const prepared = new Map<string, PreparedEvidence>();
  const evidence = (id: string): PreparedEvidence => {
    let ready = prepared.get(id);
    if (!ready) prepared.set(id, (ready = prepareEvidence(sources.get(id)!)));
    return ready;
  };

  const judge = (claim: Claim) => {
    judgedUpTo = claim.end;
    const checked = checkCitations(claim.text, retrievedIds);
    for (const id of checked.invalid) invented.add(id);
    const reason = rejection(claim, checked.valid, checked.invalid, evidence);
    if (reason) return void unsupported.push({ sentence: claim.body, citedIds: claim.citedIds, reason });
    const piece = `${separator(lastKept, claim)}${checked.text}`;
    lastKept = claim;
    output += piece;
    for (const id of checked.valid) cited.add(id);
    onVerified?.(piece);
  };
  // The whole text is split again at each piece (answers are short): a claim's block and the
  // line breaks before it are only known from the text around it, not from its own words.
  const pending = () => splitClaims(text).filter((claim) => claim.start >= judgedUpTo);

  return {
    push(piece) {
      text += piece;
      // Every sentence but the last is complete: the model has started the next one.
      for (const claim of pending().slice(0, -1)) judge(claim);
    },
    end() {
      for (const claim of pending()) judge(claim);
      return { text: output, citedIds: [...cited], unsupported, inventedIds: [...invented] };
    },
  };
}

/**
 * What goes before a kept sentence so the answer keeps the model's layout: a space within
 * a block; a new block starts on a new line (after a blank line when the model left one
 * before it) with its list or heading marker, also when the blocks between were removed.
 */
function separator(lastKept: Claim | undefined, claim: Claim): string {
  if (lastKept?.block === claim.block) return ' ';
  if (!lastKept) return claim.marker;
  return `${'\n'.repeat(Math.max(1, claim.breaks))}${claim.marker}`;
}

function rejection(claim: Claim, valid: readonly string[], invalid: readonly string[], evidence: (id: string) => PreparedEvidence): string | undefined {
  if (claim.citedIds.length === 0) return 'it cites no source';
  if (valid.length === 0) return `it cites only ${invalid.join(', ')}, which ${invalid.length === 1 ? 'was' : 'were'} not among the retrieved sources`;
  return judgeSupport(claim.body, valid.map(evidence)).reason;
}
