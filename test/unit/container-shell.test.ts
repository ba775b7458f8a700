// The shell inside a container replica: the emulator's record names the engine (absolute path),
// its flags and a valid container name, and the app refuses anything else; every engine call is an
// argv with no job data in it; the shell is chosen by probing (setting, the container's SHELL,
// bash, sh); an ended container is said in one line; what a lost terminal leaves is ended by its
// marker. Also: `!` is hidden in read-only mode, and SIGINT is ignored while the terminal is
// handed off.
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {Key} from 'ink';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {
  checkContainerExec,
  readReplicaShell,
  replicaContainerName,
  writeReplicaShell,
  type ContainerExec,
} from '../../source/emulator/contract/replica-shell.js';
import {containerName} from '../../source/emulator/custom-job/container-replicas.js';
import {
  checkContainerShell,
  readContainerShell,
} from '../../source/core/settings/shell-settings.js';
import {
  endShellSession,
  execArgs,
  parseInspect,
  planContainerShell,
  shellCandidates,
  SHELL_SESSION_VAR,
  type Runner,
} from '../../source/services/jobs/container-shell.js';
import {helpLines} from '../../source/ui/shell/Help.js';
import {KeyRouter} from '../../source/ui/shell/keys/key-router.js';
import {Keymap} from '../../source/ui/shell/keys/keymap.js';
import {holdInterrupts, type SignalTarget} from '../../source/ui/shell/interrupt-hold.js';

const HOSTILE = '$(touch /tmp/pwned); `id` && echo "x" | sh';
const ENGINE = process.execPath; // any absolute path to an executable file
const SESSION = '0123456789abcdef01234567';

const exec = (over: Partial<ContainerExec> = {}): ContainerExec => ({
  kind: 'podman',
  binary: ENGINE,
  globalArgs: ['--runtime', 'runc'],
  name: 'vtrain-42-workerpool0-0',
  clientEnv: {PATH: '/usr/bin', HOME: '/home/u', XDG_RUNTIME_DIR: '/run/user/1000', HOSTILE},
  ...over,
});

describe('the container part of the replica record (contract/replica-shell.ts)', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-container-shell-'));
    fs.mkdirSync(path.join(dataDir, 'jobs', '42'), {recursive: true});
  });
  afterEach(() => fs.rmSync(dataDir, {recursive: true, force: true}));

  it('round-trips a container replica with how to enter its container', () => {
    const cwd = path.join(dataDir, 'jobs', '42');
    const info = {
      version: 1 as const,
      replica: 'workerpool0-0',
      cwd,
      env: {CLUSTER_SPEC: '{}'},
      container: true,
      exec: exec(),
    };
    writeReplicaShell(dataDir, '42', info);
    expect(readReplicaShell(dataDir, '42', 'workerpool0-0')).toEqual(info);
  });

  it('says a container record of an older emulator cannot be entered', () => {
    writeReplicaShell(dataDir, '42', {
      version: 1,
      replica: 'workerpool0-0',
      cwd: dataDir,
      env: {},
      container: true,
    });
    expect(readReplicaShell(dataDir, '42', 'workerpool0-0')).toMatch(
      /does not say how to enter it \(a job started by an older version/,
    );
  });

  it('names the container as the emulator runs it, by one rule', () => {
    expect(replicaContainerName('42', 'workerpool1-3')).toBe('vtrain-42-workerpool1-3');
    expect(containerName('42', 'workerpool1-3')).toBe('vtrain-42-workerpool1-3');
  });

  it("refuses an engine that is not an absolute path to an executable, a name outside both engines' rule or not this replica's, and damaged flags", () => {
    const check = (over: Record<string, unknown>) =>
      checkContainerExec({...exec(), ...over}, '42', 'workerpool0-0');
    expect(check({})).toEqual(exec());
    expect(check({binary: 'podman'})).toMatch(/absolute path/);
    expect(check({binary: '/nonexistent/podman'})).toMatch(/no longer there/);
    expect(check({binary: os.tmpdir()})).toMatch(/no longer there/);
    expect(check({kind: 'lxc'})).toMatch(/unknown container engine/);
    for (const name of [
      '-rm',
      '--privileged',
      'a',
      'vtrain-42 x',
      `vtrain-42;${HOSTILE}`,
      '../x',
      '',
    ])
      expect(check({name})).toMatch(/not a valid container name/);
    expect(check({name: 'vtrain-43-workerpool0-0'})).toMatch(/names another container/);
    for (const globalArgs of [
      ['--runtime'],
      ['-r', 'runc'],
      ['--runtime', '--privileged'],
      ['--runtime', ''],
      [1, 2],
      'x',
    ])
      expect(check({globalArgs})).toMatch(/engine flags are damaged/);
    expect(
      check({globalArgs: ['--cgroup-manager', 'cgroupfs', '--runtime', 'runc']}),
    ).not.toBeTypeOf('string');
    expect(check({clientEnv: {PATH: 1}})).toMatch(/engine environment is damaged/);
  });
});

/** A fake engine: answers each argv from `answers` (first match), recording every call. */
function engine(answers: [RegExp, {status: number; stdout?: string; stderr?: string}][]) {
  const calls: {command: string; args: string[]; env: Record<string, string>}[] = [];
  const run: Runner = (command, args, options) => {
    calls.push({command, args, env: options.env});
    const line = args.join(' ');
    const answer = answers.find(([pattern]) => pattern.test(line));
    return answer ? answer[1] : {status: 1, stderr: 'unexpected'};
  };
  return {calls, run};
}

const RUNNING = [/ inspect /, {status: 0, stdout: 'true ["PATH=/bin","CLUSTER_SPEC={}"]\n'}] as [
  RegExp,
  {status: number; stdout: string},
];

describe('planContainerShell', () => {
  const info = {replica: 'workerpool0-0', cwd: '/data/jobs/42', exec: exec()};

  it('enters the running container with `exec -it` and /bin/bash when the image has it, all argv', () => {
    const fake = engine([
      RUNNING,
      [/ exec vtrain-42-workerpool0-0 \/bin\/bash -c exit$/, {status: 0}],
    ]);
    const plan = planContainerShell(info, {
      run: fake.run,
      appEnv: {TERM: 'xterm-256color', SECRET: 'app-only', SHELL: '/usr/bin/zsh'},
      session: SESSION,
    });
    expect(plan).toEqual({
      shell: '/bin/bash',
      session: SESSION,
      launch: {
        command: ENGINE,
        args: [
          '--runtime',
          'runc',
          'exec',
          '--interactive',
          '--tty',
          '--env',
          'TERM',
          '--env',
          `${SHELL_SESSION_VAR}=${SESSION}`,
          'vtrain-42-workerpool0-0',
          '/bin/bash',
        ],
        cwd: '/data/jobs/42',
        // The engine client's own environment, plus the terminal's TERM (passed by name).
        env: {...exec().clientEnv, TERM: 'xterm-256color'},
      },
    });
    expect(fake.calls.map((call) => call.args)).toEqual([
      [
        '--runtime',
        'runc',
        'inspect',
        '--format',
        '{{.State.Running}} {{json .Config.Env}}',
        'vtrain-42-workerpool0-0',
      ],
      ['--runtime', 'runc', 'exec', 'vtrain-42-workerpool0-0', '/bin/bash', '-c', 'exit'],
    ]);
    // The engine the emulator used, by its absolute path; no job data on any command line.
    for (const call of fake.calls) {
      expect(call.command).toBe(ENGINE);
      expect(call.args.join(' ')).not.toContain('touch');
    }
  });

  it('falls back to /bin/sh when bash is missing, and prefers the setting, then the container’s SHELL', () => {
    const noBash = engine([
      RUNNING,
      [/\/bin\/bash -c exit$/, {status: 127, stderr: 'executable file not found'}],
      [/\/bin\/sh -c exit$/, {status: 0}],
    ]);
    expect(planContainerShell(info, {run: noBash.run, appEnv: {}, session: SESSION})).toMatchObject(
      {
        shell: '/bin/sh',
        launch: {args: expect.arrayContaining(['vtrain-42-workerpool0-0', '/bin/sh']) as unknown},
      },
    );

    const withShell = engine([
      [/ inspect /, {status: 0, stdout: 'true ["SHELL=/bin/ash","PATH=/bin"]'}],
      [/ exec \S+ \/bin\/ash -c exit$/, {status: 0}],
    ]);
    expect(planContainerShell(info, {run: withShell.run, session: SESSION})).toMatchObject({
      shell: '/bin/ash',
    });

    const withSetting = engine([RUNNING, [/\/bin\/zsh -c exit$/, {status: 0}]]);
    expect(
      planContainerShell(info, {run: withSetting.run, setting: '/bin/zsh', session: SESSION}),
    ).toMatchObject({shell: '/bin/zsh'});
    expect(shellCandidates('/bin/zsh', '/bin/ash')).toEqual([
      '/bin/zsh',
      '/bin/ash',
      '/bin/bash',
      '/bin/sh',
    ]);
    // Only absolute one-word paths are probed.
    expect(shellCandidates('zsh', `/bin/sh -c ${HOSTILE}`)).toEqual(['/bin/bash', '/bin/sh']);
  });

  it('says in one line that the container has ended (not running, or removed), or has no shell', () => {
    const stopped = engine([[/ inspect /, {status: 0, stdout: 'false []'}]]);
    expect(planContainerShell(info, {run: stopped.run})).toBe(
      "workerpool0-0's container has ended (vtrain-42-workerpool0-0 is not running)",
    );
    const removed = engine([
      [/ inspect /, {status: 125, stderr: 'Error: no such object: "vtrain-42-workerpool0-0"\n'}],
    ]);
    expect(planContainerShell(info, {run: removed.run})).toBe(
      "workerpool0-0's container has ended (vtrain-42-workerpool0-0 is gone)",
    );
    const noShell = engine([RUNNING, [/ -c exit$/, {status: 127}]]);
    expect(planContainerShell(info, {run: noShell.run})).toBe(
      'no shell in workerpool0-0\'s container: tried /bin/bash, /bin/sh (set "ui.containerShell" in the settings file to one its image has)',
    );
    const down = engine([
      [/ inspect /, {status: 125, stderr: 'Error: cannot connect to Podman\n'}],
    ]);
    expect(planContainerShell(info, {run: down.run})).toBe(
      'podman cannot inspect vtrain-42-workerpool0-0: cannot connect to Podman',
    );
  });

  it('reads the inspect line of either engine', () => {
    expect(parseInspect('true ["A=1","SHELL=/bin/zsh"]\n')).toEqual({
      running: true,
      shell: '/bin/zsh',
    });
    expect(parseInspect('false null')).toEqual({running: false});
    expect(parseInspect('<no value>')).toBeUndefined();
  });

  it('never puts anything but the app’s own hexadecimal marker into the exec line', () => {
    expect(() =>
      planContainerShell(info, {
        run: engine([RUNNING, [/-c exit$/, {status: 0}]]).run,
        session: 'x; rm -rf /',
      }),
    ).toThrow(/hexadecimal/);
    expect(execArgs(exec({globalArgs: []}), '/bin/sh', [], SESSION)).toEqual([
      'exec',
      '--interactive',
      '--tty',
      '--env',
      `${SHELL_SESSION_VAR}=${SESSION}`,
      'vtrain-42-workerpool0-0',
      '/bin/sh',
    ]);
  });
});

describe('endShellSession', () => {
  it('ends the processes that carry the session marker and no other', async () => {
    const env = {...process.env, [SHELL_SESSION_VAR]: SESSION};
    const marked = spawn('sleep', ['60'], {env, stdio: 'ignore'});
    const other = spawn('sleep', ['60'], {
      env: {...process.env, [SHELL_SESSION_VAR]: 'fedcba9876543210fedcba98'},
      stdio: 'ignore',
    });
    const markedExit = new Promise((resolve) =>
      marked.on('exit', (_code, signal) => resolve(signal)),
    );
    // 'spawn' comes once the program has started: its environment is the one given.
    await Promise.all([once(marked, 'spawn'), once(other, 'spawn')]);
    try {
      expect(endShellSession(SESSION)).toBe(1);
      expect(await markedExit).toBe('SIGKILL');
      expect(other.exitCode).toBeNull();
      expect(endShellSession('not-hex')).toBe(0);
    } finally {
      marked.kill('SIGKILL');
      other.kill('SIGKILL');
    }
  });
});

describe('settings ui.containerShell', () => {
  it('takes an absolute path and names the fix for anything else', () => {
    expect(checkContainerShell('/bin/zsh')).toEqual({shell: '/bin/zsh'});
    expect(checkContainerShell(undefined)).toEqual({});
    expect(checkContainerShell('zsh').problem).toMatch(
      /settings "ui.containerShell" must be an absolute path in the image, such as "\/bin\/bash"/,
    );
    expect(checkContainerShell('/bin/sh -c x').problem).toMatch(/absolute path/);
    const file = path.join(os.tmpdir(), `vtrain-shell-settings-${process.pid}.json`);
    fs.writeFileSync(file, JSON.stringify({ui: {containerShell: '/bin/ash'}}));
    try {
      expect(readContainerShell(file)).toEqual({shell: '/bin/ash'});
    } finally {
      fs.rmSync(file, {force: true});
    }
    expect(readContainerShell('/nonexistent/settings.json')).toEqual({});
  });
});

describe('read-only mode', () => {
  const key = {ctrl: false, meta: false, shift: false, escape: false, return: false} as Key;

  it('hides `!` with its reason in help and says why when pressed', () => {
    const keymap = new Keymap();
    const help = helpLines(keymap, 'dashboard', {}, true).map((line) => line.text);
    expect(help).toContain(
      '  !              shell in the selected replica (local: its folder or container; Vertex: web link) — hidden: read-only mode',
    );
    const router = new KeyRouter({quit: vi.fn(), help: vi.fn()}, keymap);
    const handler = vi.fn(() => true);
    router.setScreen(Symbol('dashboard'), {scope: 'dashboard', handler, hints: [], disabled: {}});
    router.readOnly = true;
    router.apply('!', key);
    expect(handler).not.toHaveBeenCalled();
    expect(router.notice).toBe('!: not available in read-only mode');
    router.readOnly = false;
    router.apply('!', key);
    expect(handler).toHaveBeenCalledWith('dash.shell');
    router.dispose();
  });
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('holdInterrupts', () => {
  /** An event target standing in for the process: signals are queued until `dispatch`. */
  function fakeProcess() {
    const listeners = new Map<string, ((...args: unknown[]) => void)[]>();
    const queue: NodeJS.Signals[] = [];
    const list = (event: string) => listeners.get(event) ?? [];
    const target: SignalTarget & {dispatch(): void; listeners: typeof listeners} = {
      pid: 1,
      listeners,
      rawListeners: (event) => [...list(event)],
      on: (event, listener) => void listeners.set(event, [...list(event), listener]),
      once(event, listener) {
        const wrapper = (...args: unknown[]) => {
          target.off(event, wrapper);
          listener(...args);
        };
        target.on(event, wrapper);
      },
      off: (event, listener) => {
        const at = list(event).indexOf(listener);
        if (at >= 0)
          listeners.set(
            event,
            list(event).filter((_, index) => index !== at),
          );
      },
      kill: (_pid, signal) => void queue.push(signal),
      dispatch() {
        while (queue.length) for (const listener of list(queue.shift()!)) listener();
      },
    };
    return target;
  }

  it('lets the SIGINTs queued during the handoff reach no app handler, then restores them', () => {
    const proc = fakeProcess();
    const quit = vi.fn();
    proc.on('SIGINT', quit);
    const release = holdInterrupts(proc);
    expect(proc.rawListeners('SIGINT')).toHaveLength(1); // never none: SIGINT's default ends the process
    proc.kill(1, 'SIGINT'); // Ctrl-C in the shell, queued while the loop was blocked
    release();
    expect(proc.rawListeners('SIGINT')).not.toContain(quit); // not before the queued one is spent
    proc.dispatch();
    expect(quit).not.toHaveBeenCalled();
    expect(proc.rawListeners('SIGINT')).toEqual([quit]);
    proc.kill(1, 'SIGINT');
    proc.dispatch();
    expect(quit).toHaveBeenCalledOnce();
  });

  it('works on the real process: a SIGINT raised during the hold is ignored, one after it is not', async () => {
    const seen: string[] = [];
    const app = () => seen.push('app');
    process.on('SIGINT', app);
    try {
      const release = holdInterrupts();
      process.kill(process.pid, 'SIGINT');
      release();
      // The handlers come back when the marker is dispatched, after the queued SIGINT.
      await until(() => process.rawListeners('SIGINT').includes(app));
      expect(seen).toEqual([]);
      process.kill(process.pid, 'SIGINT');
      await until(() => seen.length > 0);
      expect(seen).toEqual(['app']);
    } finally {
      process.off('SIGINT', app);
    }
  });
});
