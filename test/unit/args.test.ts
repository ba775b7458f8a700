import {describe, expect, it} from 'vitest';
import {parseInvocation, UsageError} from '../../source/entry/args.js';

describe('command line', () => {
  it('opens the app with no arguments', () => {
    expect(parseInvocation([])).toEqual({kind: 'interactive', options: {}});
  });

  it('parses emulator serve', () => {
    expect(parseInvocation(['emulator', 'serve', '--port', '5000', '--data-dir', '/d'])).toEqual({
      kind: 'emulator-serve',
      options: {dataDir: '/d', port: 5000, storagePort: 0, watchStdin: false},
    });
  });

  it('rejects unknown flags, commands and bad ports with a usage error', () => {
    expect(() => parseInvocation(['--bogus'])).toThrow(UsageError);
    expect(() => parseInvocation(['launch'])).toThrow(/unknown command "launch"/);
    expect(() => parseInvocation(['emulator', 'serve', '--port', '99999'])).toThrow(/--port/);
  });

  it('parses emulator start, status and stop with the service flags', () => {
    expect(
      parseInvocation([
        'emulator',
        'start',
        '--data-dir',
        '/d',
        '--idle-minutes',
        '0',
        '--log-max-entries',
        '500',
        '--log-max-mb',
        '1.5',
        '--log-max-age-days',
        '7',
      ]),
    ).toEqual({
      kind: 'emulator-start',
      options: {dataDir: '/d', idleMinutes: 0, logMaxEntries: 500, logMaxMb: 1.5, logMaxAgeDays: 7},
    });
    expect(parseInvocation(['emulator', 'status'])).toEqual({
      kind: 'emulator-status',
      options: {json: false},
    });
    expect(parseInvocation(['emulator', 'status', '--json']).options).toEqual({json: true});
    expect(parseInvocation(['emulator', 'stop', '--data-dir', '/d'])).toEqual({
      kind: 'emulator-stop',
      options: {dataDir: '/d'},
    });
  });

  it('parses --packages-in-image for emulator start and serve only', () => {
    expect(parseInvocation(['emulator', 'start', '--packages-in-image'])).toEqual({
      kind: 'emulator-start',
      options: {packagesInImage: true},
    });
    expect(parseInvocation(['emulator', 'serve', '--packages-in-image']).options).toMatchObject({
      packagesInImage: true,
    });
    expect(() => parseInvocation(['--packages-in-image'])).toThrow(
      /--packages-in-image belong to `vtrain-tui emulator start` or `serve`/,
    );
    expect(() => parseInvocation(['emulator', 'stop', '--packages-in-image'])).toThrow(
      /--packages-in-image do not apply to `emulator stop`/,
    );
  });

  it('names the flag and the rule for bad service flags and misplaced ones', () => {
    expect(() => parseInvocation(['emulator', 'start', '--idle-minutes=-1'])).toThrow(
      /--idle-minutes must be a number ≥ 0; got "-1"/,
    );
    expect(() => parseInvocation(['emulator', 'start', '--log-max-mb', 'lots'])).toThrow(
      /--log-max-mb must be a number ≥ 0; got "lots"/,
    );
    expect(() => parseInvocation(['emulator', 'start', '--log-max-entries', '2.5'])).toThrow(
      /--log-max-entries must be a whole number/,
    );
    expect(() => parseInvocation(['emulator', 'status', '--idle-minutes', '3'])).toThrow(
      /do not apply to `emulator status`/,
    );
    expect(() => parseInvocation(['emulator', 'start', '--port', '5000'])).toThrow(/serve/);
    expect(() => parseInvocation(['--idle-minutes', '3'])).toThrow(/emulator start/);
    expect(() => parseInvocation(['emulator', 'restart'])).toThrow(/start, status, stop or serve/);
  });
});
