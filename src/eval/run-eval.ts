/**
 * `quire eval`: runs an eval set through the same asker the server uses and
 * measures retrieval recall, answer hits, citation precision, refusals,
 * follow-ups and latency.
 * @module
 */
import type { Asker, Citation } from '../ask.js';
import type { ConversationItem, QaItem } from './eval-set.js';
import { containsAny, containsText, percentile, ratio } from './metrics.js';

export interface QuestionResult {
  id: string;
  question: string;
  answer: string;
  grounded: boolean;
  citedIds: string[];
  /** 1-based rank of the first retrieved chunk holding the evidence, or null. */
  evidenceRank: number | null;
  ok: boolean;
  ms: number;
}

export interface EvalReport {
  questions: number;
  /** Share of answerable questions whose evidence is in the top 1 / top 5 retrieved chunks. */
  recallAt1: number | null;
  recallAt5: number | null;
  /** Share of answerable questions whose answer holds an expected fact. */
  answerHitRate: number | null;
  /** Share of cited chunks (answerable questions) that hold the evidence. */
  citationPrecision: number | null;
  /** Share of answerable questions answered with the fact and a citation holding the evidence. */
  answeredWithEvidence: number | null;
  /** Share of unanswerable questions refused (grounded: false). */
  refusalAccuracy: number | null;
  /** Share of conversations whose last answer holds an expected fact. */
  followUpAccuracy: number | null;
  latencyMs: { p50: number; p95: number };
  results: QuestionResult[];
}

const RECALL_DEPTH = 5;

export async function runEval(asker: Asker, qa: readonly QaItem[], conversations: readonly ConversationItem[]): Promise<EvalReport> {
  const results: QuestionResult[] = [];
  const latencies: number[] = [];
  let recall1 = 0, recall5 = 0, hits = 0, withEvidence = 0, cited = 0, citedWithEvidence = 0, answerable = 0, refused = 0, unanswerable = 0;

  for (const item of qa) {
    let sources: Citation[] = [];
    const started = performance.now();
    const answer = await asker.ask({ question: item.q, topK: RECALL_DEPTH }, { onRetrieved: (s) => (sources = s) });
    const ms = performance.now() - started;
    latencies.push(ms);
    const citedIds = answer.citations.map((c) => c.id);
    if ('unanswerable' in item) {
      unanswerable += 1;
      if (!answer.grounded) refused += 1;
      results.push({ id: item.id, question: item.q, answer: answer.answer, grounded: answer.grounded, citedIds, evidenceRank: null, ok: !answer.grounded, ms });
      continue;
    }
    answerable += 1;
    const rank = sources.findIndex((s) => containsText(s.text, item.evidence));
    if (rank === 0) recall1 += 1;
    if (rank >= 0 && rank < RECALL_DEPTH) recall5 += 1;
    const hit = answer.grounded && containsAny(answer.answer, item.answer_any);
    if (hit) hits += 1;
    const evidenceCited = answer.citations.filter((c) => containsText(c.text, item.evidence));
    cited += answer.citations.length;
    citedWithEvidence += evidenceCited.length;
    const ok = hit && evidenceCited.length > 0;
    if (ok) withEvidence += 1;
    results.push({ id: item.id, question: item.q, answer: answer.answer, grounded: answer.grounded, citedIds, evidenceRank: rank >= 0 ? rank + 1 : null, ok, ms });
  }

  let followUps = 0;
  for (const item of conversations) {
    let conversationId: string | undefined;
    let last = null;
    for (const turn of item.turns) {
      const started = performance.now();
      last = await asker.ask({ question: turn, conversationId });
      latencies.push(performance.now() - started);
      conversationId = last.conversationId;
    }
    const ok = last !== null && last.grounded && containsAny(last.answer, item.answer_any);
    if (ok) followUps += 1;
    results.push({
      id: item.id,
      question: item.turns.join(' → '),
      answer: last?.answer ?? '',
      grounded: last?.grounded ?? false,
      citedIds: last?.citations.map((c) => c.id) ?? [],
      evidenceRank: null,
      ok,
      ms: 0,
    });
  }

  return {
    questions: qa.length + conversations.length,
    recallAt1: ratio(recall1, answerable),
    recallAt5: ratio(recall5, answerable),
    answerHitRate: ratio(hits, answerable),
    citationPrecision: ratio(citedWithEvidence, cited),
    answeredWithEvidence: ratio(withEvidence, answerable),
    refusalAccuracy: ratio(refused, unanswerable),
    followUpAccuracy: ratio(followUps, conversations.length),
    latencyMs: { p50: Math.round(percentile(latencies, 50)), p95: Math.round(percentile(latencies, 95)) },
    results,
  };
}
