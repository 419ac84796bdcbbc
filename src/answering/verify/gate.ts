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
  /** The supported sentences, joined: exactly the text passed to `onVerified`, in order. */
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
 * @param onVerified called with each supported sentence as it passes (preceded by a space after the first)
 */
export function createSentenceGate(sources: ReadonlyMap<string, Evidence>, onVerified?: (text: string) => void): SentenceGate {
  const retrievedIds = new Set(sources.keys());
  const kept: string[] = [];
  const cited = new Set<string>();
  const invented = new Set<string>();
  const unsupported: UnsupportedSentence[] = [];
  let buffer = '';
  // Each chunk is read once, when a sentence first cites it.
  const prepared = new Map<string, PreparedEvidence>();
  const evidence = (id: string): PreparedEvidence => {
    let ready = prepared.get(id);
    if (!ready) prepared.set(id, (ready = prepareEvidence(sources.get(id)!)));
    return ready;
  };

  const judge = (claim: Claim) => {
    const checked = checkCitations(claim.text, retrievedIds);
    for (const id of checked.invalid) invented.add(id);
    const reason = rejection(claim, checked.valid, checked.invalid, evidence);
    if (reason) return void unsupported.push({ sentence: claim.body, citedIds: claim.citedIds, reason });
    const text = kept.length > 0 ? ` ${checked.text}` : checked.text;
    kept.push(checked.text);
    for (const id of checked.valid) cited.add(id);
    onVerified?.(text);
  };

  return {
    push(piece) {
      buffer += piece;
      // Every sentence but the last is complete: the model has started the next one.
      const claims = splitClaims(buffer);
      if (claims.length < 2) return;
      for (const claim of claims.slice(0, -1)) judge(claim);
      buffer = buffer.slice(claims.at(-1)!.start);
    },
    end() {
      for (const claim of splitClaims(buffer)) judge(claim);
      buffer = '';
      return { text: kept.join(' '), citedIds: [...cited], unsupported, inventedIds: [...invented] };
    },
  };
}

function rejection(claim: Claim, valid: readonly string[], invalid: readonly string[], evidence: (id: string) => PreparedEvidence): string | undefined {
  if (claim.citedIds.length === 0) return 'it cites no source';
  if (valid.length === 0) return `it cites only ${invalid.join(', ')}, which ${invalid.length === 1 ? 'was' : 'were'} not among the retrieved sources`;
  return judgeSupport(claim.body, valid.map(evidence)).reason;
}
