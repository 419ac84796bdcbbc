/**
 * `npm run fit:answerer`: fits the answer model (src/answering/model/answerer.json).
 *
 * Data (read from ../shared, never copied into the repository):
 * - ../shared/eval/squad-dev (SQuAD 2.0 dev, 15 Wikipedia articles, CC BY-SA 4.0), split by
 *   article with a fixed seed: the fit articles train, the validation articles only check
 *   and choose the refusal threshold;
 * - ../shared/eval/dev-qa.jsonl over ../shared/corpus (the default corpus), fitted on;
 * - ../shared/eval/docs-dev (developer questions over 12 guide pages of a test runner), fitted
 *   on: technical documentation asks with words its answers do not repeat ("I", "my suite"),
 *   and SQuAD alone teaches the model to refuse that; its page-split check is reported;
 * - test/eval/held-out-1 and held-out-2 over the default corpus: reported, never fitted on.
 *
 * Each corpus is ingested with the corpus embedding model into a temporary index, each
 * question retrieved and its answer units featurised exactly as `/ask` does (same config
 * defaults), and each unit labelled right when it holds an expected answer and cites the
 * chunk holding the evidence. Same data → same weights.
 *
 * Flags: --out FILE (default: the shipped model), --check (fit and report, write nothing),
 * --dump FILE (write the labelled questions as JSON, for inspection).
 * @module
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { answerCandidates } from '../../src/answering/compose.js';
import { fitAnswerModel, validate, type LabelledQuestion } from '../../src/answering/fit.js';
import { withConfig, type Config } from '../../src/config.js';
import { readQaSet, type QaItem } from '../../src/eval/eval-set.js';
import { containsAny, containsText } from '../../src/eval/metrics.js';
import { seededShuffle } from '../../src/eval/sample.js';
import { ingest } from '../../src/ingest/ingest.js';
import { openIndex, type LoadedIndex } from '../../src/index/open.js';
import { silentLogger } from '../../src/log.js';
import { createRetriever, type Retriever } from '../../src/retrieval/retriever.js';

const SHARED = path.resolve('..', 'shared');
const SQUAD = path.join(SHARED, 'eval', 'squad-dev');
const DOCS = path.join(SHARED, 'eval', 'docs-dev');
/** The article split: shuffled with this seed, the first VALIDATION_ARTICLES are held apart. */
const SPLIT_SEED = 16;
const VALIDATION_ARTICLES = 5;
/** Precision the refusal threshold must reach on the validation articles (answered questions right, unanswerable ones answered count as wrong). */
const PRECISION = 0.5;
const L2 = 1e-4;
/** The default corpus's dev set is small; each of its questions counts as this many. */
const DEFAULT_CORPUS_WEIGHT = 5;
/** The same for docs-dev (36 questions beside SQuAD's thousands). */
const DOCS_WEIGHT = 3;

const { values } = parseArgs({ options: { out: { type: 'string' }, check: { type: 'boolean' }, dump: { type: 'string' } } });
const out = values.out ?? path.resolve('src', 'answering', 'model', 'answerer.json');

const work = await mkdtemp(path.join(os.tmpdir(), 'quire-fit-'));
try {
  const squadQa = await readQaSet(path.join(SQUAD, 'qa.jsonl'));
  const squad = await (await openCorpus(path.join(SQUAD, 'corpus'), path.join(work, 'squad')))(squadQa, (item) => item.doc ?? item.id);
  const labelDefault = await openCorpus(path.join(SHARED, 'corpus'), path.join(work, 'default'));
  const defaults = await labelDefault(await readQaSet(path.join(SHARED, 'eval', 'dev-qa.jsonl')), () => 'default-corpus');
  const heldOut1 = await labelDefault(await readQaSet(path.join('test', 'eval', 'held-out-1', 'qa.jsonl')), () => 'held-out-1');
  const heldOut2 = await labelDefault(await readQaSet(path.join('test', 'eval', 'held-out-2', 'qa.jsonl')), () => 'held-out-2');
  const docs = await (await openCorpus(path.join(DOCS, 'corpus'), path.join(work, 'docs')))(await readQaSet(path.join(DOCS, 'qa.jsonl')), () => 'docs-dev');
  const articles = [...new Set(squad.map((q) => q.group))].sort();
  const validationArticles = new Set(seededShuffle(articles, SPLIT_SEED).slice(0, VALIDATION_ARTICLES));
  const fit = [
    ...squad.filter((q) => !validationArticles.has(q.group)),
    ...defaults.map((q) => ({ ...q, weight: DEFAULT_CORPUS_WEIGHT })),
    ...docs.map((q) => ({ ...q, weight: DOCS_WEIGHT })),
  ];
  const validation = squad.filter((q) => validationArticles.has(q.group));
  const split = { fit: articles.filter((a) => !validationArticles.has(a)), validation: [...validationArticles].sort() };
  const { model, report } = fitAnswerModel(fit, validation, { l2: L2, precision: PRECISION, split });

  const summary = {
    split,
    fitQuestions: fit.length,
    validation: report,
    fitSet: validate(model, fit),
    defaultCorpus: validate(model, defaults),
    docsDev: validate(model, docs),
    heldOut1: validate(model, heldOut1),
    heldOut2: validate(model, heldOut2),
    weights: Object.fromEntries(model.features.map((name, i) => [name, model.unit.weights[i]])),
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  if (values.dump) await writeFile(values.dump, JSON.stringify({ fit, validation, docs, heldOut1, heldOut2 }));
  if (!values.check) await writeFile(out, `${JSON.stringify(model, null, 1)}\n`);
} finally {
  await rm(work, { recursive: true, force: true });
}

/** Ingests `corpusDir` into `indexDir`; the function returned labels the candidate units of every question of a set over it. */
async function openCorpus(corpusDir: string, indexDir: string): Promise<(qa: readonly QaItem[], groupOf: (item: QaItem) => string) => Promise<LabelledQuestion[]>> {
  const config = withConfig({ corpusDir, indexDir, embedder: 'corpus' });
  await ingest({ config, log: silentLogger });
  const index = await openIndex(config);
  const retriever = createRetriever(index);
  return (qa, groupOf) => labelQuestions(qa, index, retriever, config, groupOf);
}

async function labelQuestions(qa: readonly QaItem[], index: LoadedIndex, retriever: Retriever, config: Config, groupOf: (item: QaItem) => string): Promise<LabelledQuestion[]> {
  const questions: LabelledQuestion[] = [];
  for (const item of qa) {
    const retrieved = await retriever.retrieve(item.q, { topK: config.topK, candidateK: config.candidateK, rrfK: config.rrfK });
    const { units, features, question } = await answerCandidates(item.q, retrieved, { embed: (texts) => index.embedder.embed(texts) });
    const chunkText = new Map(retrieved.map((r) => [r.chunk.id, r.chunk.text]));
    const labels = units.map((unit) => {
      if ('unanswerable' in item) return 0;
      const cites = unit.sentences.some((s) => containsText(chunkText.get(s.chunkId)!, item.evidence));
      return cites && containsAny(unit.text, item.answer_any) ? 1 : 0;
    });
    questions.push({ id: item.id, group: groupOf(item), answerable: !('unanswerable' in item), features, labels, question });
  }
  return questions;
}
