/**
 * `quire eval [--qa FILE] [--conversations FILE] [--sample N --seed S] [--json]`.
 * @module
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { QuireError } from '../errors.js';
import { readConversationSet, readQaSet } from '../eval/eval-set.js';
import { runEval, type EvalReport } from '../eval/run-eval.js';
import { sampleItems } from '../eval/sample.js';
import { ratio } from '../eval/metrics.js';
import type { Logger } from '../log.js';
import { openLocalAsker } from './local-asker.js';

/** Where the development eval set sits when Quire is checked out beside `shared/`. */
const DEFAULT_EVAL_DIR = path.join('..', 'shared', 'eval');

export async function runEvalCommand(
  config: Config,
  log: Logger,
  o: { qaFile: string | undefined; conversationsFile: string | undefined; json: boolean },
): Promise<number> {
  const qaFile = o.qaFile ?? defaultFile('dev-qa.jsonl', o.conversationsFile);
  const conversationsFile = o.conversationsFile ?? defaultFile('dev-conversations.jsonl', o.qaFile);
  if (!qaFile && !conversationsFile) {
    throw new QuireError(
      'invalid_usage',
      [
        `No eval set given, and none at ${path.resolve(DEFAULT_EVAL_DIR)}. Pass --qa FILE and/or --conversations FILE: JSONL, one JSON object a line (README, "Eval sets"):`,
        '  --qa:            {"id": "q1", "q": "Where did Imran Khan meet President Putin?", "answer_any": ["Bishkek"], "evidence": "he met President Putin in Bishkek"}',
        '                   or {"id": "q2", "q": "…", "unanswerable": true}',
        '  --conversations: {"id": "c1", "turns": ["first question", "follow-up"], "answer_any": ["expected words"], "evidence": "optional quoted text"}',
      ].join('\n'),
    );
  }
  const [qa, conversations] = await Promise.all([qaFile ? readQaSet(qaFile) : [], conversationsFile ? readConversationSet(conversationsFile) : []]);
  const { asker, close } = await openLocalAsker(config, log);
  const sample = <T>(items: T[]): T[] => sampleItems(items, config.evalSample, config.evalSeed);
  const report = await runEval(asker, sample(qa), sample(conversations)).finally(close);
  process.stdout.write(o.json ? `${JSON.stringify(report)}\n` : formatReport(report));
  return 0;
}

/** The default file only when the user named neither file: naming one means "just this one". */
function defaultFile(name: string, otherGiven: string | undefined): string | undefined {
  const file = path.join(DEFAULT_EVAL_DIR, name);
  return otherGiven === undefined && existsSync(file) ? file : undefined;
}

const cell = (count: number | null): string => (count === null ? '' : String(count)).padStart(14);
const pct = (value: number | null): string => (value === null ? '   n/a' : `${(value * 100).toFixed(1).padStart(5)}%`);

export function formatReport(r: EvalReport): string {
  const lines = r.results.map((q) => `${q.ok ? 'ok  ' : 'MISS'} ${q.id.padEnd(6)} ${q.confidence.toFixed(2)} ${q.question.slice(0, 70).padEnd(70)} → ${q.answer.replace(/\s+/g, ' ').slice(0, 90)}`);
  lines.push(
    '',
    `questions                 ${r.questions}`,
    `retrieval recall@1        ${pct(r.recallAt1)}`,
    `retrieval recall@${String(r.retrievedK).padEnd(2)}       ${pct(r.recallAtK)}   (on the retrieved list)`,
    `answer hit rate           ${pct(r.answerHitRate)}`,
    `citation precision        ${pct(r.citationPrecision)}`,
    `answered with evidence    ${pct(r.answeredWithEvidence)}`,
    `refusal accuracy          ${pct(r.refusalAccuracy)}`,
    `follow-up accuracy        ${pct(r.followUpAccuracy)}`,
    `latency p50 / p95         ${r.latencyMs.p50} ms / ${r.latencyMs.p95} ms`,
    '',
    'refusals                  answered right  answered wrong  refused',
    `  answerable              ${cell(r.confusion.answerable.right)}  ${cell(r.confusion.answerable.wrong)}  ${cell(r.confusion.answerable.refused)}`,
    `  unanswerable            ${cell(null)}  ${cell(r.confusion.unanswerable.answered)}  ${cell(r.confusion.unanswerable.refused)}`,
    '',
    'by answer kind            answerable  right   unanswerable  refused',
    ...Object.entries(r.byKind)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, k]) => `  ${kind.padEnd(22)}  ${String(k.answerable).padStart(10)}  ${pct(ratio(k.right, k.answerable))}  ${String(k.unanswerable).padStart(12)}  ${pct(ratio(k.refused, k.unanswerable))}`),
  );
  return `${lines.join('\n')}\n`;
}
