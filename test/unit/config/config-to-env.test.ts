import { describe, expect, it } from 'vitest';
import { configToEnv, loadConfig, withConfig } from '../../../src/config.js';

describe('configToEnv', () => {
  it('gives a child process exactly the settings the parent resolved', () => {
    const config = withConfig({ corpusDir: '/data/corpus', indexDir: '/data/index', refit: true, corsOrigins: ['http://a.example', 'http://b.example'], minConfidence: 0.4, adminToken: 'long-enough-token' });
    expect(loadConfig({}, configToEnv(config))).toEqual(config);
  });

  it('overrides, rather than inherits, what the parent environment says about unset settings', () => {
    const config = withConfig({});
    const env = { ...{ QUIRE_LLM_URL: 'http://127.0.0.1:1/v1', QUIRE_MODELS_DIR: '/elsewhere' }, ...configToEnv(config) };
    expect(loadConfig({}, env)).toEqual(config);
    expect(env.QUIRE_LLM_URL).toBe('');
  });
});
