import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { bearerToken } from '../../../src/server/middleware/bearer-token.js';

const TOKEN = 's3cret-token-value';
const app = new Hono().use('*', bearerToken(TOKEN)).get('/x', (c) => c.text('ok'));
const status = async (authorization?: string) => (await app.request('/x', authorization === undefined ? {} : { headers: { authorization } })).status;

describe('bearerToken', () => {
  it('lets the right token through, whatever the case of the scheme', async () => {
    expect(await status(`Bearer ${TOKEN}`)).toBe(200);
    expect(await status(`bearer ${TOKEN}`)).toBe(200);
  });

  it.each([undefined, '', 'Bearer', `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(1)}`, `Basic ${TOKEN}`, TOKEN, `Bearer ${TOKEN} extra`, `Bearer  ${TOKEN.toUpperCase()}`])('refuses %j with 401 and a challenge', async (authorization) => {
    const response = await app.request('/x', authorization === undefined ? {} : { headers: { authorization } });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });
});
