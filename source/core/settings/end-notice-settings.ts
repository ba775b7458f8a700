// The settings file's `ui.jobEndNotice` ("off" by default, "bell", "desktop" or "both"), read
// synchronously before the first frame like the key overrides: the notice must work from the
// first dashboard. An unreadable file means "off"; a wrong value is named with the fix.
import {readFileSync} from 'node:fs';
import {END_NOTICE_KINDS, type EndNoticeKind} from '../text/end-notice.js';

export function checkEndNotice(value: unknown): {kind?: EndNoticeKind; problem?: string} {
  if (value === undefined) return {};
  if ((END_NOTICE_KINDS as readonly unknown[]).includes(value))
    return {kind: value as EndNoticeKind};
  return {
    problem: `settings "ui.jobEndNotice" must be one of ${END_NOTICE_KINDS.map((kind) => `"${kind}"`).join(', ')}; got ${JSON.stringify(value)}, so no notice is given.`,
  };
}

export function readEndNotice(settingsPath: string): {kind: EndNoticeKind; problem?: string} {
  let ui: unknown;
  try {
    const settings = JSON.parse(readFileSync(settingsPath, 'utf8')) as unknown;
    ui = typeof settings === 'object' && settings !== null ? (settings as {ui?: unknown}).ui : {};
  } catch {
    return {kind: 'off'};
  }
  const value =
    typeof ui === 'object' && ui !== null
      ? (ui as {jobEndNotice?: unknown}).jobEndNotice
      : undefined;
  const checked = checkEndNotice(value);
  return {kind: checked.kind ?? 'off', ...(checked.problem && {problem: checked.problem})};
}
