// The replica supervisor (issue #23) must be invisible to the replica and to the job runner: the
// same environment, the exit status and signal of the command itself, a missing command reported
// as a start failure, and no descriptor of the service's line left in the replica.
import {describe, expect, it} from 'vitest';
import {findExecutable} from '../../source/emulator/contract/executables.js';
import {ReplicaProcess} from '../../source/emulator/custom-job/replica-process.js';
import {supervisorInterpreter} from '../../source/emulator/custom-job/replica-supervisor.js';

const FOUND = findExecutable('python3');
// As the job runner does: the binary itself, not a wrapper (a pyenv shim changes the environment).
const PYTHON = FOUND && (await supervisorInterpreter(FOUND, {PATH: process.env.PATH ?? ''}));

function run(command: string, args: string[], env: Record<string, string> = {}) {
  const lines: string[] = [];
  const replica = new ReplicaProcess({
    command,
    args,
    cwd: '/',
    env: {PATH: process.env.PATH ?? '/usr/bin:/bin', ...env},
    onLine: (_stream, line) => lines.push(line),
    supervisor: PYTHON as string,
  });
  return {replica, lines};
}

describe.skipIf(!PYTHON)('replicas under the supervisor', () => {
  it('run with exactly the environment given, and without the supervisor descriptor', async () => {
    const env = findExecutable('env');
    const shown = run(env as string, [], {ONLY: 'this'});
    await shown.replica.started;
    expect(await shown.replica.exited).toEqual({status: 0});
    expect(shown.lines.map((line) => line.split('=')[0]).sort()).toEqual(['ONLY', 'PATH']);
    const fds = run(PYTHON as string, [
      '-c',
      'import os\ntry:\n    os.fstat(3)\n    print("fd 3 open")\nexcept OSError:\n    print("fd 3 closed")',
    ]);
    expect(await fds.replica.exited).toEqual({status: 0});
    expect(fds.lines).toEqual(['fd 3 closed']);
  });

  it('pass on the exit status and the signal of the command itself', async () => {
    const code = run(PYTHON as string, ['-c', 'raise SystemExit(7)']).replica;
    expect(await code.exited).toEqual({status: 7});
    const killed = run(PYTHON as string, [
      '-c',
      'import os, signal; os.kill(os.getpid(), signal.SIGTERM)',
    ]).replica;
    expect(await killed.exited).toEqual({status: 143, signal: 'SIGTERM'});
  });

  it('report a command that does not exist as a start failure', async () => {
    const {replica} = run('/nonexistent/trainer', []);
    await expect(replica.started).rejects.toMatchObject({
      code: 'ENOENT',
      message: expect.stringContaining('spawn /nonexistent/trainer ENOENT'),
    });
    expect((await replica.exited).status).toBe(127);
  });
});
