import {afterEach, describe, expect, it} from 'vitest';
import {
  resolveIdleMinutes,
  resolvePackagesInImage,
  resolveRetention,
  serveArgs,
} from '../../source/entry/emulator-settings.js';
import {DEFAULT_LOG_RETENTION} from '../../source/emulator/contract/log-retention.js';

const saved = {...process.env};
afterEach(() => {
  for (const name of Object.keys(process.env))
    if (name.startsWith('VTRAIN_EMULATOR_') && !(name in saved)) delete process.env[name];
});

describe('emulator service settings', () => {
  it('takes the flag, else the environment variable, else the default', () => {
    expect(resolveRetention({})).toEqual(DEFAULT_LOG_RETENTION);
    process.env.VTRAIN_EMULATOR_LOG_MAX_ENTRIES = '700';
    process.env.VTRAIN_EMULATOR_LOG_MAX_MB = '2';
    process.env.VTRAIN_EMULATOR_IDLE_MINUTES = '5';
    expect(resolveRetention({})).toEqual({
      maxEntriesPerJob: 700,
      maxTotalBytes: 2 * 1024 * 1024,
      maxAgeDays: DEFAULT_LOG_RETENTION.maxAgeDays,
    });
    expect(resolveRetention({logMaxEntries: 9, logMaxAgeDays: 0})).toMatchObject({
      maxEntriesPerJob: 9,
      maxAgeDays: 0,
    });
    expect(resolveIdleMinutes({}, 15)).toBe(5);
    expect(resolveIdleMinutes({idleMinutes: 0}, 15)).toBe(0);
    delete process.env.VTRAIN_EMULATOR_IDLE_MINUTES;
    expect(resolveIdleMinutes({}, 15)).toBe(15);
  });

  it('names a bad environment variable', () => {
    process.env.VTRAIN_EMULATOR_LOG_MAX_ENTRIES = 'many';
    expect(() => resolveRetention({})).toThrow(
      /VTRAIN_EMULATOR_LOG_MAX_ENTRIES must be a whole number ≥ 0; got "many"/,
    );
  });

  it('passes the resolved settings to a background service as serve flags', () => {
    expect(serveArgs({logMaxMb: 1.5, idleMinutes: 3}, 15)).toEqual([
      '--idle-minutes',
      '3',
      '--log-max-entries',
      String(DEFAULT_LOG_RETENTION.maxEntriesPerJob),
      '--log-max-mb',
      '1.5',
      '--log-max-age-days',
      String(DEFAULT_LOG_RETENTION.maxAgeDays),
    ]);
  });

  it('runs Python packages inside their pre-built image with the flag, else the environment variable', () => {
    expect(resolvePackagesInImage({})).toBe(false);
    expect(resolvePackagesInImage({packagesInImage: true})).toBe(true);
    process.env.VTRAIN_EMULATOR_PACKAGES_IN_IMAGE = '1';
    expect(resolvePackagesInImage({})).toBe(true);
    expect(serveArgs({}, 15)).toContain('--packages-in-image');
    process.env.VTRAIN_EMULATOR_PACKAGES_IN_IMAGE = '0';
    expect(resolvePackagesInImage({})).toBe(false);
    expect(resolvePackagesInImage({packagesInImage: true})).toBe(true);
    expect(serveArgs({}, 15)).not.toContain('--packages-in-image');
    expect(serveArgs({packagesInImage: true}, 15)).toContain('--packages-in-image');
    process.env.VTRAIN_EMULATOR_PACKAGES_IN_IMAGE = 'yes';
    expect(() => resolvePackagesInImage({})).toThrow(
      /VTRAIN_EMULATOR_PACKAGES_IN_IMAGE must be 1 or 0; got "yes"/,
    );
  });
});
