// The settings file's `ui.containerShell`: the shell the dashboard's `!` opens inside a container
// replica (a path in the image, e.g. "/bin/zsh"), before the container's own SHELL, /bin/bash and
// /bin/sh. Read when the key is pressed, like the end notice before the first frame: a wrong value
// is named with the fix and the usual order applies.
import {readFileSync} from 'node:fs';

export function checkContainerShell(value: unknown): {shell?: string; problem?: string} {
  if (value === undefined) return {};
  if (typeof value === 'string' && /^\/[\w./+@-]*$/.test(value)) return {shell: value};
  return {
    problem: `settings "ui.containerShell" must be an absolute path in the image, such as "/bin/bash"; got ${JSON.stringify(value)}, so the container's own shell is used.`,
  };
}

export function readContainerShell(settingsPath: string): {shell?: string; problem?: string} {
  let ui: unknown;
  try {
    const settings = JSON.parse(readFileSync(settingsPath, 'utf8')) as unknown;
    ui = typeof settings === 'object' && settings !== null ? (settings as {ui?: unknown}).ui : {};
  } catch {
    return {};
  }
  return checkContainerShell(
    typeof ui === 'object' && ui !== null
      ? (ui as {containerShell?: unknown}).containerShell
      : undefined,
  );
}
