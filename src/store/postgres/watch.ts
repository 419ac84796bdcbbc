/**
 * Learning of new builds: LISTEN on the channel publishing NOTIFYs at commit, and
 * polling as the fallback (a notification sent while the listening session was
 * reconnecting is lost; the poll finds the build within `pollMs`).
 * @module
 */
import type pg from 'pg';
import type { Logger } from '../../log.js';
import { connectClient, describeDatabase } from './connection.js';

export const BUILDS_CHANNEL = 'quire_builds';

export function watchPostgresBuilds(url: string, log: Logger, onChange: () => void, pollMs: number): () => void {
  let listener: pg.Client | null = null;
  let connecting = false;
  let stopped = false;

  const listen = async (): Promise<void> => {
    if (listener || connecting || stopped) return;
    connecting = true;
    try {
      const client = await connectClient(url);
      client.on('notification', (message) => message.channel === BUILDS_CHANNEL && onChange());
      const drop = () => {
        if (listener === client) listener = null;
      };
      client.on('error', drop);
      client.on('end', drop);
      await client.query(`LISTEN ${BUILDS_CHANNEL}`);
      if (stopped) await client.end();
      else listener = client;
    } catch (error) {
      log.warn('cannot listen for new builds; polling only until it can', { database: describeDatabase(url), error: (error as Error).message });
    } finally {
      connecting = false;
    }
  };
  void listen();
  const timer = setInterval(() => {
    void listen();
    onChange();
  }, pollMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
    void listener?.end().catch(() => {});
    listener = null;
  };
}
