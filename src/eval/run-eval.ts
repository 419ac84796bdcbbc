/**
 * `quire eval`: runs an eval set through the same asker, with the same defaults, that
 * the server uses, and measures retrieval recall on the list it retrieved, answers,
 * citations, refusals (as a confusion table), follow-ups, latency, and all of it per
 * expected answer kind.
 * @module
 */
import type { Asker, Citation } from '../ask.js';
import { questionType } from '../text/question-type.js';
import type { ConversationItem, QaItem } from './eval-set.js';
import { containsAny, containsText, percentile, ratio } from './metrics.js';

export interface QuestionResult {
  id: string;
  question: string;
  /** The answer kind the question asks for (`date`, `person`, …). */
  kind: string;
  unanswerable: boolean;
  answer: string;
  grounded: boolean;
  confidence: number;
  citedIds: string[];
  /** 1-based rank of the first retrieved chunk holding the evidence, or null. */
  evidenceRank: number | null;
  ok: boolean;
  ms: number;
}

/** What happened to the questions: answerable ones answered right, answered wrong or refused; unanswerable ones answered or refused. */
export interface RefusalConfusion {
  answerable: { right: number; wrong: number; refused: number };
  unanswerable: { answered: number; refused: number };
}

export interface KindBreakdown {
  answerable: number;
  /** Answerable questions answered with the fact and a citation holding the evidence. */
  right: number;
  unanswerable: number;
  refused: number;
}

export interface EvalReport {
  questions: number;
  /** Chunks retrieved per question (the asker's default, as `/ask` uses). */
  retrievedK: number;
  /** Share of answerable questions whose evidence is in the first retrieved chunk / anywhere in the retrieved list. */
  recallAt1: number | null;
  recallAtK: number | null;
  /** Share of answerable questions whose answer holds an expected fact. */
  answerHitRate: number | null;
  /** Share of cited chunks (answerable questions) that hold the evidence. */
  citationPrecision: number | null;
  /** Share of answerable questions answered with the fact and a citation holding the evidence. */
  answeredWithEvidence: number | null;
  /** Share of unanswerable questions refused (grounded: false). */
  refusalAccuracy: number | null;
  confusion: RefusalConfusion;
  byKind: Record<string, KindBreakdown>;
  /** Share of conversations whose last answer holds an expected fact. */
  followUpAccuracy: number | null;
  latencyMs: { p50: number; p95: number };
  results: QuestionResult[];
}

export async function runEval(asker: Asker, qa: readonly QaItem[], conversations: readonly ConversationItem[]): Promise<EvalReport> {
  const results: QuestionResult[] = [];
  const latencies: number[] = [];
  const confusion: RefusalConfusion = { answerable: { right: 0, wrong: 0, refused: 0 }, unanswerable: { answered: 0, refused: 0 } };
  const byKind: Record<string, KindBreakdown> = {};
  let recall1 = 0, recallK = 0, hits = 0, cited = 0, citedWithEvidence = 0, retrievedK = 0;

  for (const item of qa) {
    let sources: Citation[] = [];
    const started = performance.now();
    const answer = await asker.ask({ question: item.q }, { onRetrieved: (s) => (sources = s) });
    const ms = performance.now() - started;
    latencies.push(ms);
    retrievedK = Math.max(retrievedK, sources.length);
    const kind = questionType(item.q);
    const tally = (byKind[kind] ??= { answerable: 0, right: 0, unanswerable: 0, refused: 0 });
    const base = { id: item.id, question: item.q, kind, answer: answer.answer, grounded: answer.grounded, confidence: answer.confidence, citedIds: answer.citations.map((c) => c.id), ms };
    if ('unanswerable' in item) {
      tally.unanswerable += 1;
      if (answer.grounded) confusion.unanswerable.answered += 1;
      else (confusion.unanswerable.refused += 1), (tally.refused += 1);
      results.push({ ...base, unanswerable: true, evidenceRank: null, ok: !answer.grounded });
      continue;
    }
    tally.answerable += 1;
    const rank = sources.findIndex((s) => containsText(s.text, item.evidence));
    if (rank === 0) recall1 += 1;
    if (rank >= 0) recallK += 1;
    const hit = answer.grounded && containsAny(answer.answer, item.answer_any);
    if (hit) hits += 1;
    const evidenceCited = answer.citations.filter((c) => containsText(c.text, item.evidence));
    cited += answer.citations.length;
    citedWithEvidence += evidenceCited.length;
    const ok = hit && evidenceCited.length > 0;
    if (ok) (confusion.answerable.right += 1), (tally.right += 1);
    else if (answer.grounded) confusion.answerable.wrong += 1;
    else confusion.answerable.refused += 1;
    results.push({ ...base, unanswerable: false, evidenceRank: rank >= 0 ? rank + 1 : null, ok });
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
      kind: questionType(item.turns.at(-1)!),
      unanswerable: false,
      answer: last?.answer ?? '',
      grounded: last?.grounded ?? false,
      confidence: last?.confidence ?? 0,
      citedIds: last?.citations.map((c) => c.id) ?? [],
      evidenceRank: null,
      ok,
      ms: 0,
    });
  }

  const answerable = confusion.answerable.right + confusion.answerable.wrong + confusion.answerable.refused;
  const unanswerable = confusion.unanswerable.answered + confusion.unanswerable.refused;
  return {
    questions: qa.length + conversations.length,
    retrievedK,
    recallAt1: ratio(recall1, answerable),
    recallAtK: ratio(recallK, answerable),
    answerHitRate: ratio(hits, answerable),
    citationPrecision: ratio(citedWithEvidence, cited),
    answeredWithEvidence: ratio(confusion.answerable.right, answerable),
    refusalAccuracy: ratio(confusion.unanswerable.refused, unanswerable),
    confusion,
    byKind,
    followUpAccuracy: ratio(followUps, conversations.length),
    latencyMs: { p50: Math.round(percentile(latencies, 50)), p95: Math.round(percentile(latencies, 95)) },
    results,
  };
}
