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
 *   and SQuAD alone teaches the model to refuse that; `docsDevByPage` reports it on pages each
 *   fit has not seen (checkByPage);
 * - test/eval/held-out-1 over the default corpus, fitted on (its role: the calibration set of
 *   the default corpus); test/eval/held-out-2, reported, never fitted on;
 * - questions asked of a corpus they were not written for (SQuAD fit articles' questions over
 *   the default corpus and the docs pages, the default corpus's and docs-dev's questions over the
 *   SQuAD fit articles), all labelled unanswerable: SQuAD's own unanswerable questions are near
 *   misses about the article at hand, and a model fitted on them alone learns that words the
 *   corpus lacks mean a paraphrase, so it answers "What is the GDP of Russia?" over a corpus
 *   that never mentions it. These teach what a question from outside the corpus looks like.
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
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { answerCandidates } from '../../src/answering/compose.js';
import { fitAnswerModel, validate, type LabelledQuestion, type ValidationReport } from '../../src/answering/fit.js';
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
/**
 * The default corpus's sets (news articles) and docs-dev (technical guides) are small beside
 * SQuAD's thousands of questions; each of their questions counts as this many, so that each
 * kind of corpus has a comparable say in the calibration (at 5 and 3, refusal fitted to SQuAD's
 * near misses answered a third of the default corpus's unanswerable questions).
 */
const SMALL_SET_WEIGHT = 15;
/** SQuAD fit-article questions asked of each other corpus as out-of-corpus negatives (seeded sample). */
const CROSS_SAMPLE = 300;
/** Folds of whole pages docs-dev is checked by (checkByPage). */
const PAGE_FOLDS = 3;
/** docs-dev's questions asked of the SQuAD fit articles. */
const DOCS_CROSS_GROUP = 'cross:docs-dev→squad';
/** Weight of each out-of-corpus negative from the small sets (dev-qa, docs-dev) asked of SQuAD. */
const CROSS_SMALL_WEIGHT = 2;

const { values } = parseArgs({ options: { out: { type: 'string' }, check: { type: 'boolean' }, dump: { type: 'string' } } });
const out = values.out ?? path.resolve('src', 'answering', 'model', 'answerer.json');

const work = await mkdtemp(path.join(os.tmpdir(), 'quire-fit-'));
try {
  const squadQa = await readQaSet(path.join(SQUAD, 'qa.jsonl'));
  const articles = [...new Set(squadQa.map((item) => item.doc ?? item.id))].sort();
  const validationArticles = new Set(seededShuffle(articles, SPLIT_SEED).slice(0, VALIDATION_ARTICLES));
  const split = { fit: articles.filter((a) => !validationArticles.has(a)), validation: [...validationArticles].sort() };
  // Each half of the split gets its own index, so no validation article's text is ever seen by the fit.
  const labelSquadFit = await openCorpus(await articleCorpus(split.fit, path.join(work, 'squad-fit-corpus')), path.join(work, 'squad-fit'));
  const labelSquadValidation = await openCorpus(await articleCorpus(split.validation, path.join(work, 'squad-validation-corpus')), path.join(work, 'squad-validation'));
  const squadOf = (item: QaItem) => item.doc ?? item.id;
  const squadFitQa = squadQa.filter((item) => !validationArticles.has(squadOf(item)));
  const squadFit = await labelSquadFit(squadFitQa, squadOf);
  const validation = await labelSquadValidation(squadQa.filter((item) => validationArticles.has(squadOf(item))), squadOf);
  const labelDefault = await openCorpus(path.join(SHARED, 'corpus'), path.join(work, 'default'));
  const defaultQa = await readQaSet(path.join(SHARED, 'eval', 'dev-qa.jsonl'));
  const defaults = await labelDefault(defaultQa, () => 'default-corpus');
  const heldOut1 = await labelDefault(await readQaSet(path.join('test', 'eval', 'held-out-1', 'qa.jsonl')), () => 'held-out-1');
  const heldOut2 = await labelDefault(await readQaSet(path.join('test', 'eval', 'held-out-2', 'qa.jsonl')), () => 'held-out-2');
  const labelDocs = await openCorpus(path.join(DOCS, 'corpus'), path.join(work, 'docs'));
  const docsQa = await readQaSet(path.join(DOCS, 'qa.jsonl'));
  const docs = await labelDocs(docsQa, () => 'docs-dev');
  // Questions without evidence (unanswerable ones) are dealt to the pages in turn.
  const pageOfDocs = new Map(docsQa.map((item, i) => [item.id, ('evidence' in item && labelDocs.documentHolding(item.evidence)) || `unanswerable-${i % PAGE_FOLDS}`]));

  const crossSample = seededShuffle(squadFitQa.filter((item) => !('unanswerable' in item)), SPLIT_SEED).slice(0, CROSS_SAMPLE);
  const outOfCorpus = [
    ...(await labelDefault(crossSample, () => 'cross:squad→default')),
    ...(await labelDocs(crossSample, () => 'cross:squad→docs')),
    ...(await labelSquadFit(defaultQa, () => 'cross:dev-qa→squad')).map((q) => ({ ...q, weight: CROSS_SMALL_WEIGHT })),
    ...(await labelSquadFit(docsQa, () => DOCS_CROSS_GROUP)).map((q) => ({ ...q, weight: CROSS_SMALL_WEIGHT })),
  ].map(asUnanswerable);

  const fit = [
    ...squadFit,
    ...[...defaults, ...heldOut1].map((q) => ({ ...q, weight: SMALL_SET_WEIGHT })),
    ...docs.map((q) => ({ ...q, weight: SMALL_SET_WEIGHT })),
    ...outOfCorpus,
  ];
  const { model, report } = fitAnswerModel(fit, validation, { l2: L2, precision: PRECISION, split });

  const summary = {
    split,
    fitQuestions: fit.length,
    validation: report,
    fitSet: validate(model, fit),
    defaultCorpus: validate(model, defaults),
    docsDev: validate(model, docs),
    docsDevByPage: checkByPage(fit, docs, (q) => pageOfDocs.get(q.id)!, validation, split),
    outOfCorpus: validate(model, outOfCorpus),
    heldOut1: validate(model, heldOut1),
    heldOut2: validate(model, heldOut2),
    weights: Object.fromEntries(model.features.map((name, i) => [name, model.unit.weights[i]])),
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  if (values.dump) await writeFile(values.dump, JSON.stringify({ fit, validation, docs, heldOut1, heldOut2, defaults, outOfCorpus }));
  if (!values.check) await writeFile(out, `${JSON.stringify(model, null, 1)}\n`);
} finally {
  await rm(work, { recursive: true, force: true });
}

/**
 * docs-dev is fitted on, so its own numbers flatter the model; this is the check on pages it
 * has not seen: the pages are dealt into PAGE_FOLDS folds, and each fold's questions (and their
 * out-of-corpus copies) are answered by a model fitted on everything else. Summed over folds.
 */
function checkByPage(
  fit: readonly LabelledQuestion[],
  docs: readonly LabelledQuestion[],
  pageOf: (q: LabelledQuestion) => string,
  validation: readonly LabelledQuestion[],
  split: { fit: string[]; validation: string[] },
): Pick<ValidationReport, 'answerable' | 'bestUnitRight' | 'answeredRight' | 'unanswerable' | 'refused'> {
  const pages = seededShuffle([...new Set(docs.map(pageOf))].sort(), SPLIT_SEED);
  const total = { answerable: 0, bestUnitRight: 0, answeredRight: 0, unanswerable: 0, refused: 0 };
  for (let fold = 0; fold < PAGE_FOLDS; fold++) {
    const heldPages = new Set(pages.filter((_, i) => i % PAGE_FOLDS === fold));
    const held = new Set(docs.filter((q) => heldPages.has(pageOf(q))).map((q) => q.id));
    const isHeld = (q: LabelledQuestion) => (q.group === 'docs-dev' || q.group === DOCS_CROSS_GROUP) && held.has(q.id);
    const { model } = fitAnswerModel(fit.filter((q) => !isHeld(q)), validation, { l2: L2, precision: PRECISION, split });
    const report = validate(model, docs.filter((q) => held.has(q.id)));
    for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += report[key];
  }
  return total;
}

/** A corpus directory holding copies of the named SQuAD articles (links out of a corpus are not followed). */
async function articleCorpus(names: readonly string[], dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const wanted = new Set(names);
  for (const file of await readdir(path.join(SQUAD, 'corpus'))) {
    if (wanted.has(file.replace(/\.[^.]+$/, ''))) await copyFile(path.join(SQUAD, 'corpus', file), path.join(dir, file));
  }
  return dir;
}

/** A question asked of a corpus it was not written for: whatever it retrieves, no unit answers it. */
function asUnanswerable(q: LabelledQuestion): LabelledQuestion {
  return { ...q, answerable: false, labels: q.labels.map(() => 0) };
}

/** Ingests `corpusDir` into `indexDir`; the function returned labels the candidate units of every question of a set over it. */
async function openCorpus(corpusDir: string, indexDir: string): Promise<Labeller> {
  const config = withConfig({ corpusDir, indexDir, embedder: 'corpus' });
  await ingest({ config, log: silentLogger });
  const index = await openIndex(config);
  const retriever = createRetriever(index);
  const label = (qa: readonly QaItem[], groupOf: (item: QaItem) => string) => labelQuestions(qa, index, retriever, config, groupOf);
  return Object.assign(label, { documentHolding: (text: string) => documentHolding(index, text) });
}

type Labeller = ((qa: readonly QaItem[], groupOf: (item: QaItem) => string) => Promise<LabelledQuestion[]>) & {
  /** The id of the first document of the corpus whose chunks hold `text`. */
  documentHolding(text: string): string | undefined;
};

function documentHolding(index: LoadedIndex, text: string): string | undefined {
  for (const docId of index.documents.keys()) {
    for (let n = 0, label = index.labelOf(`${docId}:0`); label !== undefined; label = index.labelOf(`${docId}:${++n}`)) {
      if (containsText(index.chunk(label).text, text)) return docId;
    }
  }
  return undefined;
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
