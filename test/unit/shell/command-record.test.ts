import {describe, expect, it, vi} from 'vitest';
import {attachRecords, commandRecord} from '../../../source/ui/shell/keys/command-record.js';
import {Keymap} from '../../../source/ui/shell/keys/keymap.js';

describe('commandRecord', () => {
  it("carries the binding's description, hint and danger, and the reason given", () => {
    const record = commandRecord(new Keymap(), 'jobs.clone', () => undefined, 'not yet');
    expect(record).toMatchObject({
      command: 'jobs.clone',
      description: 'clone the job into the wizard',
      hint: 'clone',
      mutates: true,
      disabledReason: 'not yet',
    });
    expect(record.dangerous).toBeUndefined();
  });
});

describe('attachRecords', () => {
  it("runs an attached command's record instead of the screen and passes others on", () => {
    const screen = vi.fn();
    const run = vi.fn();
    const keymap = new Keymap();
    const attached = attachRecords(screen, {'nav.back': 'stay'}, [
      commandRecord(keymap, 'jobs.cancel', run, 'the job has already ended'),
      commandRecord(keymap, 'jobs.describe', vi.fn()),
    ]);
    expect(attached.handler('jobs.cancel')).toBe(true);
    expect(run).toHaveBeenCalledOnce();
    attached.handler('nav.down');
    expect(screen).toHaveBeenCalledWith('nav.down');
    expect(attached.disabled).toEqual({
      'jobs.cancel': 'the job has already ended',
      'nav.back': 'stay',
    });
  });

  it("keeps the screen's own reason for a command over the record's", () => {
    const attached = attachRecords(vi.fn(), {'jobs.cancel': 'mine'}, [
      commandRecord(new Keymap(), 'jobs.cancel', vi.fn(), 'theirs'),
    ]);
    expect(attached.disabled['jobs.cancel']).toBe('mine');
  });
});
