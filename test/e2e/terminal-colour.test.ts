// The app draws in colour in a real terminal whether or not a CI variable is in the environment:
// the launcher clears CI for Ink's live mode, and Chalk reads any CI variable, 'false' included,
// as "no colour", which turned off every colour and the text fields' inverse cursor. NO_COLOR wins.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {PtyScreen} from '../helpers/pty-screen.js';
import {runCli} from '../helpers/service.js';

let dataDir = '';

afterAll(async () => {
  if (!dataDir) return;
  await runCli(['emulator', 'stop', '--data-dir', dataDir]);
  await fs.rm(dataDir, {recursive: true, force: true});
});

/** SGR foreground colours (30-37, 90-97, 38;5;N, 38;2;…) in what the app wrote. */
// eslint-disable-next-line no-control-regex
const COLOUR = /\x1b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|38;[25])[;m]/;

async function firstFrame(env: Record<string, string>): Promise<string> {
  dataDir ||= await fs.mkdtemp(path.join(os.tmpdir(), 'vtrain-colour-'));
  const screen = new PtyScreen([], {VTRAIN_DATA_DIR: dataDir, ...env}, 80, 24, true);
  try {
    await screen.waitFor(/New training job|Jobs/);
    return screen.output;
  } finally {
    screen.pty.write('\x03');
    await screen.exited;
  }
}

describe('terminal colours', () => {
  it.each([
    ['no CI variable', {}],
    ['CI=1', {CI: '1'}],
    ['CI=false', {CI: 'false'}],
    ['only a CI_* variable', {CI_COMMIT_SHA: 'abc123'}],
  ])('draws in colour with %s in the environment', async (_name, env) => {
    expect(await firstFrame(env)).toMatch(COLOUR);
  });

  it('draws without colour under NO_COLOR', async () => {
    expect(await firstFrame({CI: '1', NO_COLOR: '1'})).not.toMatch(COLOUR);
  });
});
