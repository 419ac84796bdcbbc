/**
 * The one configuration schema. Every setting Quire has is declared here once,
 * with its environment variable, its CLI flag, its default and its validation;
 * `loadConfig` reads the environment, lets flags win, and fails with a message
 * that names the setting and the bad value.
 * @module
 */
import { z } from 'zod';
import { QuireError } from './errors.js';

// Messages say what is expected; the caller adds the setting's name and what was given.
const int = (min: number, max: number) => {
  const expected = `expected a whole number from ${min} to ${max}`;
  return z.coerce.number({ invalid_type_error: expected }).int(expected).min(min, expected).max(max, expected);
};
const num = (min: number, max: number) => {
  const expected = `expected a number from ${min} to ${max}`;
  return z.coerce.number({ invalid_type_error: expected }).min(min, expected).max(max, expected);
};
const bool = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes');
// `new URL('localhost:11434')` parses (as the scheme "localhost:"), so z.string().url() alone accepts it.
const httpUrl = z
  .string()
  .url()
  .refine((v) => /^https?:\/\//i.test(v), 'must start with http:// or https://, e.g. http://127.0.0.1:11434/v1');
// `postgres://user:password@host:port/database` (or `postgresql://`), as libpq and node-postgres read it.
const postgresUrl = z
  .string()
  .url('expected a URL like postgres://user:password@host:5432/database')
  .refine((v) => /^postgres(ql)?:\/\//i.test(v), 'must start with postgres:// or postgresql://, e.g. postgres://user:password@host:5432/database');
const list = z
  .union([z.array(z.string()), z.string()])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean));

/** Each setting: its schema (with default), the env var and flag that set it, and what it means. */
export const SETTINGS = {
  corpusDir: { env: 'QUIRE_CORPUS_DIR', flag: 'corpus', schema: z.string().min(1).default('corpus'), help: 'Directory of documents to index.' },
  indexDir: { env: 'QUIRE_INDEX_DIR', flag: 'index', schema: z.string().min(1).default('index'), help: 'Directory the built index lives in.' },
  store: { env: 'QUIRE_STORE', flag: 'store', schema: z.enum(['local', 'postgres']).default('local'), help: 'Where the index (and, with postgres, the conversations) live: local files under the index directory, or PostgreSQL + pgvector.' },
  databaseUrl: { env: 'QUIRE_DATABASE_URL', flag: 'database-url', schema: postgresUrl.optional(), secret: true, help: 'PostgreSQL URL for QUIRE_STORE=postgres (postgres://user:password@host:5432/database); never printed.' },
  modelsDir: { env: 'QUIRE_MODELS_DIR', flag: 'models', schema: z.string().min(1).optional(), help: 'Local model root; when set, models load only from it (offline).' },
  embedder: { env: 'QUIRE_EMBEDDER', flag: 'embedder', schema: z.enum(['auto', 'neural', 'corpus']).default('auto'), help: 'auto: the neural model if it loads, else a corpus model fitted at ingest.' },
  embeddingModel: { env: 'QUIRE_EMBEDDING_MODEL', flag: 'embedding-model', schema: z.string().min(1).default('Xenova/all-MiniLM-L6-v2'), help: 'Neural model id (transformers.js layout).' },
  neuralLoadTimeoutMs: { env: 'QUIRE_NEURAL_TIMEOUT_MS', flag: 'neural-timeout-ms', schema: int(100, 600_000).default(20_000), help: 'How long `auto` waits for the neural model before falling back.' },
  corpusModelDims: { env: 'QUIRE_CORPUS_MODEL_DIMS', flag: 'corpus-model-dims', schema: int(8, 1024).default(256), help: 'Dimensions of the corpus embedding model.' },
  refit: { env: 'QUIRE_REFIT', flag: 'refit', schema: bool.default(false), help: 'Refit the corpus model and re-embed everything.' },
  chunkWords: { env: 'QUIRE_CHUNK_WORDS', flag: 'chunk-words', schema: int(20, 2000).default(180), help: 'Target chunk size in words.' },
  chunkOverlapWords: { env: 'QUIRE_CHUNK_OVERLAP_WORDS', flag: 'chunk-overlap-words', schema: int(0, 500).default(30), help: 'Words of overlap between neighbouring chunks.' },
  parseTimeoutMs: { env: 'QUIRE_PARSE_TIMEOUT_MS', flag: 'parse-timeout-ms', schema: int(500, 600_000).default(30_000), help: 'Time one PDF may take to parse (in its own process) before it is skipped as failed.' },
  parseMemoryMb: { env: 'QUIRE_PARSE_MEMORY_MB', flag: 'parse-memory-mb', schema: int(32, 16_384).default(512), help: 'Heap limit of the process that parses PDFs; a file needing more is skipped as failed.' },
  pdfMaxPages: { env: 'QUIRE_PDF_MAX_PAGES', flag: 'pdf-max-pages', schema: int(1, 1_000_000).default(5_000), help: 'PDFs declaring more pages than this are skipped as failed.' },
  embedBatchSize: { env: 'QUIRE_EMBED_BATCH', flag: 'embed-batch', schema: int(1, 1024).default(32), help: 'Texts per embedding batch.' },
  computeWorkers: { env: 'QUIRE_COMPUTE_WORKERS', flag: 'compute-workers', schema: int(0, 16).default(2), help: 'Worker threads the server runs retrieval and answer scoring on (0 = on its event loop).' },
  host: { env: 'QUIRE_HOST', flag: 'host', schema: z.string().min(1).default('127.0.0.1'), help: 'Address the server listens on.' },
  port: { env: 'QUIRE_PORT', flag: 'port', schema: int(0, 65_535).default(8787), help: 'Port the server listens on (0 picks a free one).' },
  topK: { env: 'QUIRE_TOP_K', flag: 'top-k', schema: int(1, 20).default(6), help: 'Chunks retrieved per question.' },
  candidateK: { env: 'QUIRE_CANDIDATE_K', flag: 'candidate-k', schema: int(1, 200).default(30), help: 'Candidates each retriever (dense, BM25) contributes before fusion.' },
  rrfK: { env: 'QUIRE_RRF_K', flag: 'rrf-k', schema: int(1, 1000).default(60), help: 'Reciprocal-rank-fusion constant.' },
  minConfidence: { env: 'QUIRE_MIN_CONFIDENCE', flag: 'min-confidence', schema: num(0, 1).optional(), help: "Answer confidence (0..1) below which Quire says the documents do not contain the answer; default: the answer model's threshold (src/answering/model/README.md)." },
  maxAnswerSentences: { env: 'QUIRE_MAX_ANSWER_SENTENCES', flag: 'max-answer-sentences', schema: int(1, 3).default(2), help: 'Sentences quoted in an extractive answer.' },
  conversationTurns: { env: 'QUIRE_CONVERSATION_TURNS', flag: 'conversation-turns', schema: int(1, 100).default(20), help: 'Turns kept per conversation.' },
  conversationTtlMs: { env: 'QUIRE_CONVERSATION_TTL_MS', flag: 'conversation-ttl-ms', schema: int(1_000, 7 * 86_400_000).default(3_600_000), help: 'Idle time after which a conversation is forgotten.' },
  maxConversations: { env: 'QUIRE_MAX_CONVERSATIONS', flag: 'max-conversations', schema: int(1, 1_000_000).default(1_000), help: 'Conversations kept in memory (least recently used go first).' },
  llmUrl: { env: 'QUIRE_LLM_URL', flag: 'llm-url', schema: httpUrl.optional(), help: 'OpenAI-compatible base URL, e.g. http://127.0.0.1:11434/v1. Unset: extractive answers.' },
  llmModel: { env: 'QUIRE_LLM_MODEL', flag: 'llm-model', schema: z.string().min(1).default('llama3.1'), help: 'Model name sent to the LLM endpoint.' },
  llmApiKey: { env: 'QUIRE_LLM_API_KEY', flag: 'llm-api-key', schema: z.string().optional(), secret: true, help: 'API key for the LLM endpoint, if it wants one.' },
  llmTimeoutMs: { env: 'QUIRE_LLM_TIMEOUT_MS', flag: 'llm-timeout-ms', schema: int(100, 600_000).default(30_000), help: 'Time the LLM may take before Quire falls back to the extractive answer.' },
  llmMaxTokens: { env: 'QUIRE_LLM_MAX_TOKENS', flag: 'llm-max-tokens', schema: int(16, 32_768).default(400), help: 'Maximum tokens the LLM may generate.' },
  llmTemperature: { env: 'QUIRE_LLM_TEMPERATURE', flag: 'llm-temperature', schema: num(0, 2).default(0), help: 'LLM sampling temperature.' },
  adminToken: { env: 'QUIRE_ADMIN_TOKEN', flag: 'admin-token', schema: z.string().min(8, 'must be at least 8 characters').optional(), secret: true, help: 'Bearer token for /admin routes; unset turns them off.' },
  apiToken: { env: 'QUIRE_API_TOKEN', flag: 'api-token', schema: z.string().min(8, 'must be at least 8 characters').optional(), secret: true, help: 'Bearer token every route but /health and the chat page then requires (the page asks for it once).' },
  allowedHosts: { env: 'QUIRE_ALLOWED_HOSTS', flag: 'allowed-hosts', schema: list.default([]), help: 'Comma-separated host names the server answers to besides 127.0.0.1, localhost and [::1] (other Host headers get 421, against DNS rebinding).' },
  maxBodyBytes: { env: 'QUIRE_MAX_BODY_BYTES', flag: 'max-body-bytes', schema: int(256, 100 * 1024 * 1024).default(16_384), help: 'Largest /ask body accepted.' },
  maxUploadBytes: { env: 'QUIRE_MAX_UPLOAD_BYTES', flag: 'max-upload-bytes', schema: int(256, 1024 * 1024 * 1024).default(10 * 1024 * 1024), help: 'Largest document accepted by POST /admin/documents.' },
  rateLimitPerMinute: { env: 'QUIRE_RATE_LIMIT', flag: 'rate-limit', schema: int(0, 1_000_000).default(120), help: 'Requests per minute per client on /ask (0 = unlimited).' },
  rateLimitLoopback: { env: 'QUIRE_RATE_LIMIT_LOOPBACK', flag: 'rate-limit-loopback', schema: bool.default(false), help: 'Rate-limit loopback clients too (each address its own bucket); by default this machine is not limited.' },
  requestTimeoutMs: { env: 'QUIRE_REQUEST_TIMEOUT_MS', flag: 'request-timeout-ms', schema: int(100, 600_000).default(60_000), help: 'Time a request may take before it is answered with 504.' },
  corsOrigins: { env: 'QUIRE_CORS_ORIGINS', flag: 'cors-origins', schema: list.default([]), help: 'Comma-separated origins allowed to call the API from a browser (default: none).' },
  watch: { env: 'QUIRE_WATCH', flag: 'watch', schema: bool.default(false), help: 'Re-index when files in the corpus directory change.' },
  evalSample: { env: 'QUIRE_EVAL_SAMPLE', flag: 'sample', schema: int(1, 1_000_000).optional(), help: '`quire eval`: measure a seeded sample of this many questions (and conversations) instead of all.' },
  evalSeed: { env: 'QUIRE_EVAL_SEED', flag: 'seed', schema: int(0, 2 ** 31 - 1).default(1), help: '`quire eval`: seed of the --sample draw.' },
  logLevel: { env: 'QUIRE_LOG_LEVEL', flag: 'log-level', schema: z.enum(['debug', 'info', 'warn', 'error']).default('info'), help: 'Least severe log level printed.' },
} as const;

type Settings = typeof SETTINGS;

/** What a setting is when neither its variable nor its flag is given (undefined: unset). */
export function settingDefault(setting: { schema: z.ZodTypeAny }): unknown {
  const parsed = setting.schema.safeParse(undefined);
  return parsed.success ? parsed.data : undefined;
}
export type SettingName = keyof Settings;

/** Every setting resolved: defaults applied, types narrowed. */
export type Config = { [K in SettingName]: z.output<Settings[K]['schema']> };

const schema = z.object(
  Object.fromEntries(Object.entries(SETTINGS).map(([key, s]) => [key, s.schema])) as { [K in SettingName]: Settings[K]['schema'] },
);

/**
 * Reads settings from the environment and flags (flags win) and validates them.
 * `flags` is keyed by flag name (`corpus`, `embedding-model`, …); unknown keys are ignored here,
 * the CLI rejects them before.
 */
export function loadConfig(flags: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, unknown> = {};
  for (const [key, s] of Object.entries(SETTINGS)) {
    const fromFlag = flags[s.flag];
    const fromEnv = env[s.env];
    if (fromFlag !== undefined) raw[key] = fromFlag;
    else if (fromEnv !== undefined && fromEnv !== '') raw[key] = fromEnv;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) {
    if (parsed.data.store === 'postgres' && !parsed.data.databaseUrl) {
      const source = flags[SETTINGS.store.flag] !== undefined ? '--store' : SETTINGS.store.env;
      throw new QuireError('invalid_config', `Invalid configuration:\n  ${SETTINGS.databaseUrl.env} / --${SETTINGS.databaseUrl.flag}: required when ${source} is postgres\n`);
    }
    return parsed.data as Config;
  }

  const problems = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0]) as SettingName;
    const s = SETTINGS[key];
    const source = flags[s.flag] !== undefined ? `--${s.flag}` : s.env;
    // A rejected token or key is still a secret: say how long it was, never what it was.
    const got = 'secret' in s ? `a value of ${String(raw[key]).length} characters` : JSON.stringify(raw[key]);
    return `${s.env} / --${s.flag}: ${issue.message}; got ${got} from ${source}`;
  });
  throw new QuireError('invalid_config', `Invalid configuration:\n  ${problems.join('\n  ')}\n`);
}

/**
 * The inverse of `loadConfig`: every setting as its `QUIRE_*` variable, so a child
 * process (the server's background ingest) runs with exactly the settings the
 * parent resolved from its flags and environment. Unset optional settings become
 * `''`, which `loadConfig` reads as unset — overriding, not inheriting, whatever
 * the parent's own environment says.
 */
export function configToEnv(config: Config): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, s] of Object.entries(SETTINGS)) {
    const value: unknown = config[key as SettingName];
    env[s.env] = value === undefined ? '' : Array.isArray(value) ? value.join(',') : String(value);
  }
  return env;
}

/** Overrides some settings of a resolved config, validating the result. For tests and embedding Quire. */
export function withConfig(overrides: Partial<Config>, env: NodeJS.ProcessEnv = {}): Config {
  const flags: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(overrides)) flags[SETTINGS[key as SettingName].flag] = value;
  return loadConfig(flags, env);
}
