import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../../src/cli/args.js';
import { loadConfig, settingDefault, SETTINGS } from '../../../src/config.js';

const failure = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a failure');
};

describe('configuration and flag messages', () => {
  it('suggests the nearest flag for a mistyped one', () => {
    expect(failure(() => parseCommandLine(['serve', '--prot', '80'], {}))).toMatch(/^Unknown flag --prot\. Did you mean --port\?/);
    expect(failure(() => parseCommandLine(['ingest', '--corpsu=x'], {}))).toMatch(/^Unknown flag --corpsu\. Did you mean --corpus\?/);
  });

  it('suggests nothing for a flag unlike any', () => {
    const message = failure(() => parseCommandLine(['ask', '--zzzzzzzz'], {}));
    expect(message).toMatch(/^Unknown flag --zzzzzzzz\./);
    expect(message).not.toMatch(/Did you mean/);
  });

  it('names the setting, what was given and what is expected for a number that is not one (not "Expected number, received nan")', () => {
    const message = failure(() => loadConfig({ port: 'abc' }, {}));
    expect(message).toContain('QUIRE_PORT / --port: expected a whole number from 0 to 65535; got "abc" from --port');
    expect(message).not.toMatch(/nan/i);
    expect(failure(() => loadConfig({}, { QUIRE_TOP_K: '0' }))).toContain('QUIRE_TOP_K / --top-k: expected a whole number from 1');
  });

  it('knows every setting’s default, for `quire help`', () => {
    expect(settingDefault(SETTINGS.port)).toBe(8787);
    expect(settingDefault(SETTINGS.corpusDir)).toBe('corpus');
    expect(settingDefault(SETTINGS.adminToken)).toBeUndefined();
  });
});
