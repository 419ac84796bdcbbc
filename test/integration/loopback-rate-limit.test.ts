/**
 * The default rate limit throttled the user's own machine: 200 quick /ask
 * from one local script got 80 answers 429. Loopback clients are now not
 * limited by default; with QUIRE_RATE_LIMIT_LOOPBACK they are, each address
 * with its own bucket (127.0.0.2 beside 127.0.0.1).
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { buildDefaultIndex } from '../helpers/fixtures.js';

let byDefault: RunningServer;
let includingLoopback: RunningServer;

beforeAll(async () => {
  const { config } = await buildDefaultIndex();
  byDefault = await startServer(withConfig({ ...config, rateLimitPerMinute: 120 }), silentLogger);
  includingLoopback = await startServer(withConfig({ ...config, rateLimitPerMinute: 3, rateLimitLoopback: true }), silentLogger);
});

afterAll(async () => {
  await Promise.all([byDefault?.close(), includingLoopback?.close()]);
});

/** POST /ask from a chosen local address; `{}` is refused with 400 after the rate limit, so it is quick. */
function askFrom(server: RunningServer, localAddress: string, body = '{}'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: '/ask', method: 'POST', localAddress, headers: { 'content-type': 'application/json', connection: 'close' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('rate limits and loopback clients', () => {
  it('200 quick requests from this machine get no 429 by default', async () => {
    const statuses = new Map<number, number>();
    for (let i = 0; i < 200; i++) {
      const status = await askFrom(byDefault, '127.0.0.1', i % 20 === 0 ? JSON.stringify({ question: 'Where did Imran Khan meet President Putin?' }) : '{}');
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    expect(statuses.get(429)).toBeUndefined();
    expect(statuses.get(200)).toBe(10);
    expect(statuses.get(400)).toBe(190);
  });

  it('with QUIRE_RATE_LIMIT_LOOPBACK, each loopback address has its own bucket', async () => {
    const first: number[] = [];
    for (let i = 0; i < 4; i++) first.push(await askFrom(includingLoopback, '127.0.0.1'));
    expect(first).toEqual([400, 400, 400, 429]);
    const second: number[] = [];
    for (let i = 0; i < 4; i++) second.push(await askFrom(includingLoopback, '127.0.0.2'));
    expect(second).toEqual([400, 400, 400, 429]);
  });
});
