import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';

describe('QUIRE_LLM_URL', () => {
  it('rejects an LLM URL without a scheme, naming the setting (was accepted: `--llm-url localhost:11434`)', () => {
    expect(() => loadConfig({ 'llm-url': 'localhost:11434' }, {})).toThrow(/QUIRE_LLM_URL \/ --llm-url: must start with http:\/\/ or https:\/\//);
    expect(() => loadConfig({}, { QUIRE_LLM_URL: 'ftp://127.0.0.1/v1' })).toThrow(/QUIRE_LLM_URL.*http:\/\//);
  });

  it('accepts http and https URLs', () => {
    expect(loadConfig({ 'llm-url': 'http://127.0.0.1:11434/v1' }, {}).llmUrl).toBe('http://127.0.0.1:11434/v1');
    expect(loadConfig({}, { QUIRE_LLM_URL: 'https://llm.example/v1' }).llmUrl).toBe('https://llm.example/v1');
  });
});
