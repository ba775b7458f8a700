import {describe, expect, it} from 'vitest';
import {parseInvocation, UsageError} from '../../source/cli/args.js';

describe('command line', () => {
  it('opens the app with no arguments', () => {
    expect(parseInvocation([])).toEqual({kind: 'interactive', options: {}});
  });

  it('parses emulator serve', () => {
    expect(parseInvocation(['emulator', 'serve', '--port', '5000', '--data-dir', '/d'])).toEqual({
      kind: 'emulator-serve',
      options: {dataDir: '/d', port: 5000, watchStdin: false},
    });
  });

  it('rejects unknown flags, commands and bad ports with a usage error', () => {
    expect(() => parseInvocation(['--bogus'])).toThrow(UsageError);
    expect(() => parseInvocation(['launch'])).toThrow(/unknown command "launch"/);
    expect(() => parseInvocation(['emulator', 'serve', '--port', '99999'])).toThrow(/--port/);
  });
});
