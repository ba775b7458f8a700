// The app's session against the real shared service (started by the built CLI): when the service
// goes away while the app is open, the next call starts it again and succeeds.
import fs from 'node:fs/promises';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {openLocalSession, type Session} from '../../source/services/backend/session.js';
import {processesMatching} from '../helpers/emulator.js';
import {BIN, PARENT, runCli, tempDataDir} from '../helpers/service.js';

const WORKER = path.resolve(import.meta.dirname, '../../dist/vertex-worker.js');
let session: Session | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  await session?.close();
  if (dataDir) {
    await runCli(['emulator', 'stop', '--data-dir', dataDir]);
    expect(await processesMatching(dataDir)).toEqual([]);
    await fs.rm(dataDir, {recursive: true, force: true});
  }
  session = undefined;
  dataDir = undefined;
});

describe('local session', () => {
  it('reconnects to a restarted service when the one it used is stopped', async () => {
    dataDir = await tempDataDir();
    session = await openLocalSession({
      cliScript: BIN,
      workerScript: WORKER,
      dataDir,
      python: 'python3',
      project: 'test-project',
      region: 'us-central1',
    });
    expect(await session.jobs.list(PARENT)).toEqual([]);
    const pidOf = (status: string) => /pid\s+(\d+)/.exec(status)?.[1];
    const firstPid = pidOf((await runCli(['emulator', 'status', '--data-dir', dataDir])).stdout);
    expect(firstPid).toBeDefined();
    const firstPort = session.backend.kind === 'local' ? session.backend.port : 0;
    // The status line follows the session's label (ui/app/use-session-label.ts): issue #23 item 11.
    let labelChanges = 0;
    session.onLabelChange?.(() => labelChanges++);

    const stopped = await runCli(['emulator', 'stop', '--data-dir', dataDir]);
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toMatch(/stopped/);

    // The next call finds the connection gone, starts the service again and is retried.
    expect(await session.jobs.list(PARENT)).toEqual([]);
    const status = await runCli(['emulator', 'status', '--data-dir', dataDir]);
    expect(status.code).toBe(0);
    const secondPort = session.backend.kind === 'local' ? session.backend.port : 0;
    expect(status.stdout).toContain(`127.0.0.1:${secondPort}`);
    expect(pidOf(status.stdout)).toBeDefined();
    expect(pidOf(status.stdout)).not.toBe(firstPid);
    expect(session.label).toContain(`127.0.0.1:${secondPort}`);
    expect(labelChanges).toBe(secondPort === firstPort ? 0 : 1);
  });
});
