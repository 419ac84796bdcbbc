/**
 * `quire ingest`: builds or updates the index, with progress on stderr and a summary.
 * @module
 */
import type { Config } from '../config.js';
import { NEURAL_FALLBACK_MESSAGE } from '../embedding/choose.js';
import { ingest, type IngestSummary } from '../ingest/ingest.js';
import { formatSummaryLine } from '../ingest/protocol.js';
import type { Logger } from '../log.js';
import { createIngestProgress } from './progress.js';

/** Exit code: 0, or 2 when some documents could not be read (the index is still written). */
export async function runIngestCommand(config: Config, log: Logger, { json }: { json: boolean }): Promise<number> {
  const bar = createIngestProgress();
  let summary: IngestSummary;
  try {
    // A person reads the summary, which says it once in words: the JSON warning would repeat it.
    summary = await ingest({ config, log: json ? log : withoutFallbackWarning(log), onProgress: (p) => bar.update(p) });
  } finally {
    bar.stop();
  }
  if (json) {
    process.stdout.write(formatSummaryLine(summary));
  } else {
    process.stdout.write(formatSummary(summary));
  }
  return summary.documents.failed.length > 0 ? 2 : 0;
}

export function formatSummary(s: IngestSummary): string {
  const d = s.documents;
  const lines = [
    `Indexed ${d.added + d.changed + d.unchanged} documents into ${s.chunks} chunks in ${(s.ms / 1000).toFixed(1)} s.`,
    `  documents: ${d.added} added, ${d.changed} changed, ${d.unchanged} unchanged, ${d.removed} removed, ${d.failed.length} failed`,
    `  embedded:  ${s.embedded} chunks (${s.chunks - s.embedded} reused) with ${s.embedder.kind} model ${s.embedder.modelId} (${s.embedder.dims} dims)`,
    `  cleaning:  ${s.cleaning.duplicateParagraphs} repeated paragraphs and ${s.cleaning.boilerplateLines} boilerplate lines dropped`,
  ];
  if (s.embedder.fallbackReason) lines.push(`  note:      ${fallbackNote(s.embedder.fallbackReason)}`);
  if (s.corpusModel) {
    const m = s.corpusModel;
    lines.push(
      m.refitted
        ? `  corpus model: fitted (${m.refitReason === 'new vocabulary' ? `refitted automatically: ${(m.unseenWordRate * 100).toFixed(1)}% of the corpus's words were new to the previous model` : m.refitReason}), ${m.vocabularySize} words`
        : `  corpus model: reused, ${m.foldedWords} new words folded in, ${m.vocabularySize} words`,
    );
  }
  for (const failure of d.failed) lines.push(`  failed:    ${failure.path}: ${failure.error}`);
  lines.push(`  index:     ${s.buildDir}`);
  return `${lines.join('\n')}\n`;
}

/** The command that gets the neural model: with internet access, transformers.js downloads it on first use. */
export const GET_NEURAL_MODEL = 'npx quire ingest --embedder neural';

/** One line: why there is no neural model (its first sentence), what was used, and the one command for it. */
export function fallbackNote(reason: string): string {
  const why = (reason.split(/(?<=\.)\s/)[0] ?? reason).replace(/\.$/, '');
  return `no neural model (${why}), so a model fitted to your documents was used. To get the neural model, with internet access: ${GET_NEURAL_MODEL}`;
}

function withoutFallbackWarning(log: Logger): Logger {
  return { ...log, warn: (msg, fields) => (msg === NEURAL_FALLBACK_MESSAGE ? undefined : log.warn(msg, fields)) };
}
