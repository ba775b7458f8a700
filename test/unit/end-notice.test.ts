// The opt-in "a job you opened has ended" notice: which job is announced and when (EndWatch), the
// bytes written (BEL, OSC 9 or OSC 777 by terminal), and that job data cannot break out of them.
import {describe, expect, it} from 'vitest';
import {checkEndNotice} from '../../source/core/settings/end-notice-settings.js';
import {desktopForm, endNoticeSequence, noticeText} from '../../source/core/text/end-notice.js';
import {EndWatch} from '../../source/services/jobs/end-watch.js';
import {createEndNotifier} from '../../source/ui/shell/end-notice.js';

const job = (state: string, name = 'projects/p/locations/r/customJobs/7') => ({
  name,
  displayName: 'train-resnet',
  state: `JOB_STATE_${state}` as never,
});

describe('EndWatch', () => {
  it('announces an opened job once, when it is first seen ended', () => {
    const watch = new EndWatch();
    watch.opened(job('RUNNING'));
    expect(watch.observe(job('RUNNING'))).toBeUndefined();
    expect(watch.observe(job('SUCCEEDED'))).toEqual({
      name: job('RUNNING').name,
      title: 'vtrain-tui',
      body: 'train-resnet succeeded',
    });
    expect(watch.observe(job('SUCCEEDED'))).toBeUndefined();
    watch.opened(job('SUCCEEDED'));
    expect(watch.observe(job('SUCCEEDED'))).toBeUndefined();
  });

  it('never announces a job that had ended when opened, or one never opened', () => {
    const watch = new EndWatch();
    watch.opened(job('FAILED'));
    expect(watch.observe(job('FAILED'))).toBeUndefined();
    expect(watch.observe(job('CANCELLED', 'projects/p/locations/r/customJobs/8'))).toBeUndefined();
  });

  it('names the end state in words', () => {
    const watch = new EndWatch();
    watch.opened(job('RUNNING'));
    expect(watch.observe(job('PARTIALLY_SUCCEEDED'))?.body).toBe(
      'train-resnet partially succeeded',
    );
  });
});

describe('the notice bytes', () => {
  it('rings the bell, sends OSC 9, or both', () => {
    const env = {TERM: 'xterm-256color'};
    expect(endNoticeSequence('off', 't', 'b', env)).toBe('');
    expect(endNoticeSequence('bell', 't', 'b', env)).toBe('\x07');
    expect(endNoticeSequence('desktop', 'vtrain-tui', 'job succeeded', env)).toBe(
      '\x1b]9;vtrain-tui: job succeeded\x07',
    );
    expect(endNoticeSequence('both', 't', 'b', env)).toBe('\x1b]9;t: b\x07\x07');
  });

  it('uses OSC 777 where the terminal is VTE, urxvt or foot', () => {
    expect(desktopForm({VTE_VERSION: '7600', TERM: 'xterm-256color'})).toBe('osc777');
    expect(desktopForm({TERM: 'rxvt-unicode-256color'})).toBe('osc777');
    expect(desktopForm({TERM: 'foot'})).toBe('osc777');
    expect(desktopForm({TERM: 'xterm-kitty'})).toBe('osc9');
    expect(endNoticeSequence('desktop', 'vtrain-tui', 'a;b succeeded', {TERM: 'foot'})).toBe(
      '\x1b]777;notify;vtrain-tui;a,b succeeded\x07',
    );
  });

  it('keeps job data from ending the sequence early', () => {
    const hostile = 'x\x07\x1b]0;owned\x07\x1b[2J\x9c';
    const bytes = endNoticeSequence('desktop', 'vtrain-tui', hostile, {TERM: 'xterm'});
    // One OSC introducer and one BEL, at the ends: nothing inside can terminate or start one.
    expect(bytes.split('\x1b')).toHaveLength(2);
    expect(bytes.split('\x07')).toHaveLength(2);
    expect(bytes.endsWith('\x07')).toBe(true);
    expect(noticeText('a'.repeat(500))).toHaveLength(200);
  });
});

describe('the setting and the notifier', () => {
  it('accepts the four values and names a wrong one with the fix', () => {
    expect(checkEndNotice('both')).toEqual({kind: 'both'});
    expect(checkEndNotice(undefined)).toEqual({});
    expect(checkEndNotice('loud').problem).toMatch(
      /"ui.jobEndNotice" must be one of "off", "bell", "desktop", "both"; got "loud"/,
    );
  });

  it('writes nothing when off, and the sequence once when on', () => {
    for (const kind of ['off', 'bell'] as const) {
      const written: string[] = [];
      const notifier = createEndNotifier(kind, (bytes) => written.push(bytes), {TERM: 'xterm'});
      notifier.opened(job('RUNNING'));
      notifier.observe(job('SUCCEEDED'));
      notifier.observe(job('SUCCEEDED'));
      expect(written).toEqual(kind === 'off' ? [] : ['\x07']);
    }
  });
});
