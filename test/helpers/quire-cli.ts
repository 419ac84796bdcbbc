/**
 * Running the real `quire` command as a child process against a test's
 * settings, and waiting for things that happen in the background.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { configToEnv, type Config } from '../../src/config.js';
import { repoRoot } from './fixtures.js';

export const QUIRE_BIN = path.join(repoRoot, 'src', 'bin.js');

export interface QuireRun {
  child: ChildProcess;
  /** Resolves when the process has exited, with what it printed. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts `quire <args>` with `config` as its QUIRE_* environment. */
export function spawnQuire(args: readonly string[], config: Config): QuireRun {
  const child = spawn(process.execPath, [QUIRE_BIN, ...args], { env: { ...process.env, ...configToEnv(config) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, exited };
}

export const runQuire = (args: readonly string[], config: Config) => spawnQuire(args, config).exited;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls `probe` every `intervalMs` until it returns something other than undefined/false; fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, { timeoutMs = 60_000, intervalMs = 200 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await sleep(intervalMs);
  }
}
