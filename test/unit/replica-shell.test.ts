// The replica shell: the launch is an argv with the replica's own environment (no shell string),
// the emulator's record is private and validated, the terminal is released and taken back in
// order, and the key says why it is disabled (Vertex without web access, ended replicas).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {
  readReplicaShell,
  replicaShellFile,
  writeReplicaShell,
} from '../../source/emulator/contract/replica-shell.js';
import {shellLaunch, webAccessUris} from '../../source/services/jobs/replica-shell.js';
import {terminalHandoff} from '../../source/ui/shell/terminal-handoff.js';
import {replicaShellUnavailable} from '../../source/ui/screens/dashboard/use-replica-shell.js';
import {checkFaultConfig, FaultInjector} from '../../source/emulator/rpc/faults.js';

const HOSTILE = '$(touch /tmp/pwned); `id` && echo "x" | sh';

describe('shellLaunch', () => {
  const replicaEnv = {
    CLUSTER_SPEC: JSON.stringify({task: {type: 'workerpool1', index: 0}, note: HOSTILE}),
    PATH: '/usr/bin:/bin',
    HOME: '/home/u',
    PYTHONPATH: '/data/jobs/7/code-0-0',
  };

  it("runs the user's $SHELL with no arguments, in the replica's folder, with exactly its environment plus the terminal's TERM", () => {
    const launch = shellLaunch(
      {cwd: '/data/jobs/7/code-0-0', env: replicaEnv},
      {SHELL: '/usr/bin/zsh', TERM: 'xterm-256color', SECRET: 'app-only', PATH: '/app/bin'},
    );
    expect(launch).toEqual({
      command: '/usr/bin/zsh',
      args: [],
      cwd: '/data/jobs/7/code-0-0',
      env: {...replicaEnv, TERM: 'xterm-256color'},
    });
    // Job data travels only as environment values, never in the command line.
    expect([launch.command, ...launch.args].join(' ')).not.toContain('touch');
  });

  it('falls back to /bin/sh when $SHELL is unset or not an absolute path', () => {
    expect(shellLaunch({cwd: '/w', env: {}}, {}).command).toBe('/bin/sh');
    expect(shellLaunch({cwd: '/w', env: {}}, {SHELL: 'bash -c evil'}).command).toBe('/bin/sh');
    expect(shellLaunch({cwd: '/w', env: {}}, {SHELL: 'bash'}).args).toEqual([]);
  });
});

describe('the emulator’s replica record (contract/replica-shell.ts)', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-replica-shell-'));
    fs.mkdirSync(path.join(dataDir, 'jobs', '42'), {recursive: true});
  });
  afterEach(() => fs.rmSync(dataDir, {recursive: true, force: true}));

  it('round-trips, written 0600 in a 0700 folder', () => {
    const cwd = path.join(dataDir, 'jobs', '42');
    writeReplicaShell(dataDir, '42', {
      version: 1,
      replica: 'workerpool0-0',
      cwd,
      env: {CLUSTER_SPEC: '{}', HOSTILE},
      container: false,
    });
    const file = replicaShellFile(dataDir, '42', 'workerpool0-0');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(readReplicaShell(dataDir, '42', 'workerpool0-0')).toEqual({
      version: 1,
      replica: 'workerpool0-0',
      cwd,
      env: {CLUSTER_SPEC: '{}', HOSTILE},
      container: false,
    });
  });

  it('says why when there is no record, a record others can write, or a damaged one', () => {
    expect(readReplicaShell(dataDir, '42', 'workerpool0-1')).toMatch(/has not recorded/);
    writeReplicaShell(dataDir, '42', {
      version: 1,
      replica: 'workerpool0-1',
      cwd: dataDir,
      env: {},
      container: false,
    });
    const file = replicaShellFile(dataDir, '42', 'workerpool0-1');
    fs.chmodSync(file, 0o666);
    expect(readReplicaShell(dataDir, '42', 'workerpool0-1')).toMatch(/chmod 600/);
    fs.writeFileSync(file, '{"version":1,"replica":"workerpool0-1","cwd":"/nope","env":{}}', {
      mode: 0o600,
    });
    fs.chmodSync(file, 0o600);
    expect(readReplicaShell(dataDir, '42', 'workerpool0-1')).toMatch(/not usable/);
  });

  it('names files only from job ids and replica names', () => {
    expect(() => replicaShellFile(dataDir, '../x', 'workerpool0-0')).toThrow(/not a local/);
    expect(() => replicaShellFile(dataDir, '42', '../../etc/passwd')).toThrow(/not a local/);
  });
});

describe('terminalHandoff', () => {
  it('releases the terminal, runs the argv with inherited stdio, then restores and redraws', () => {
    const events: string[] = [];
    const io = {
      stdin: {isTTY: true, setRawMode: (on: boolean) => events.push(`raw ${on}`)},
      stdout: {
        write: (text: string) => events.push(`write ${JSON.stringify(text)}`),
        emit: (event: string) => events.push(`emit ${event}`),
      },
      run: (command: string, args: string[], options: Record<string, unknown>) => {
        events.push(`run ${command} ${JSON.stringify(args)} ${JSON.stringify(options)}`);
        return {status: 0};
      },
    } as never;
    const result = terminalHandoff(io)({
      command: '/bin/sh',
      args: [],
      cwd: '/w',
      env: {CLUSTER_SPEC: HOSTILE},
    });
    expect(result).toEqual({status: 0});
    expect(events).toEqual([
      'raw false',
      `write ${JSON.stringify('\x1b[?1049l\x1b[?25h')}`,
      `run /bin/sh [] ${JSON.stringify({cwd: '/w', env: {CLUSTER_SPEC: HOSTILE}, stdio: 'inherit'})}`,
      `write ${JSON.stringify('\x1b[?1049h\x1b[H\x1b[?25l')}`,
      'raw true',
      'emit resize',
    ]);
  });

  it('restores the terminal and reports the code when the shell cannot start', () => {
    const events: string[] = [];
    const io = {
      stdin: {isTTY: true, setRawMode: (on: boolean) => events.push(`raw ${on}`)},
      stdout: {write: () => true, emit: () => true},
      run: () => ({status: null, error: Object.assign(new Error('spawn'), {code: 'ENOENT'})}),
    } as never;
    expect(terminalHandoff(io)({command: '/no/shell', args: [], cwd: '/', env: {}})).toEqual({
      status: null,
      error: 'ENOENT',
    });
    expect(events).toEqual(['raw false', 'raw true']);
  });
});

describe('replicaShellUnavailable', () => {
  const running = {
    state: 'JOB_STATE_RUNNING' as const,
    jobSpec: {workerPoolSpecs: [{pythonPackageSpec: {}}, {containerSpec: {imageUri: 'x'}}]},
  };
  const row = {name: 'workerpool0-0', pool: 0, status: 'running' as const};

  it('opens a local shell only in a running replica, a container one included', () => {
    expect(replicaShellUnavailable('local', running as never, row, {}, '7')).toBeUndefined();
    expect(
      replicaShellUnavailable('local', running as never, {...row, status: 'exited'}, {}, '7'),
    ).toMatch(/workerpool0-0 is exited: a shell opens only in a running replica/);
    expect(
      replicaShellUnavailable(
        'local',
        {...running, state: 'JOB_STATE_SUCCEEDED'} as never,
        {...row, status: 'succeeded'},
        {},
        '7',
      ),
    ).toMatch(/only in a running replica/);
    expect(
      replicaShellUnavailable(
        'local',
        running as never,
        {name: 'workerpool1-0', pool: 1, status: 'running'},
        {},
        '7',
      ),
    ).toBeUndefined();
    expect(replicaShellUnavailable('local', running as never, undefined, {}, '7')).toMatch(
      /no replica selected/,
    );
  });

  it('on Vertex needs the replica’s web access URI, and says enableWebAccess when it is off', () => {
    const uris = {
      'workerpool0-0': 'https://abc-dot-us-central1.aiplatform-training.googleusercontent.com',
    };
    expect(replicaShellUnavailable('vertex', running as never, row, uris, '7')).toBeUndefined();
    expect(replicaShellUnavailable('vertex', running as never, row, {}, '7')).toMatch(
      /enableWebAccess/,
    );
    const withAccess = {...running, jobSpec: {...running.jobSpec, enableWebAccess: true}};
    expect(replicaShellUnavailable('vertex', withAccess as never, row, {}, '7')).toMatch(
      /has not given workerpool0-0 a shell URI/,
    );
  });
});

describe('webAccessUris', () => {
  it('reads the map as the clients return it (object or Map), dropping empty values', () => {
    expect(
      webAccessUris({webAccessUris: {'workerpool0-0': 'https://a', 'workerpool1-0': ''}}),
    ).toEqual({
      'workerpool0-0': 'https://a',
    });
    expect(webAccessUris({webAccessUris: new Map([['workerpool0-0', 'https://b']])})).toEqual({
      'workerpool0-0': 'https://b',
    });
    expect(webAccessUris(undefined)).toEqual({});
    expect(webAccessUris({})).toEqual({});
  });
});

describe('the emulator’s webAccessUriPrefix fixture (test-only, faults.ts)', () => {
  const job = (state: string, enableWebAccess?: boolean) => ({
    name: 'projects/p/locations/us-central1/customJobs/1',
    state,
    jobSpec: {
      ...(enableWebAccess !== undefined && {enableWebAccess}),
      workerPoolSpecs: [
        {machineSpec: {machineType: 'n1-standard-4'}, replicaCount: '1'},
        {machineSpec: {machineType: 'n1-standard-4'}, replicaCount: '2'},
      ],
    },
  });
  const faults = new FaultInjector(checkFaultConfig({webAccessUriPrefix: 'https://s.invalid/'}));

  it('gives a running job with enableWebAccess one URI per replica, keyed workerpoolN-M', () => {
    expect(faults.afterCall('GetCustomJob', job('JOB_STATE_RUNNING', true))).toMatchObject({
      webAccessUris: {
        'workerpool0-0': 'https://s.invalid/workerpool0-0',
        'workerpool1-0': 'https://s.invalid/workerpool1-0',
        'workerpool1-1': 'https://s.invalid/workerpool1-1',
      },
    });
  });

  it('gives none without web access, before running, or on other methods, and is off by default', () => {
    expect(faults.afterCall('GetCustomJob', job('JOB_STATE_RUNNING'))).not.toHaveProperty(
      'webAccessUris',
    );
    expect(faults.afterCall('GetCustomJob', job('JOB_STATE_PENDING', true))).not.toHaveProperty(
      'webAccessUris',
    );
    expect(faults.afterCall('CancelCustomJob', job('JOB_STATE_RUNNING', true))).not.toHaveProperty(
      'webAccessUris',
    );
    expect(
      new FaultInjector().afterCall('GetCustomJob', job('JOB_STATE_RUNNING', true)),
    ).not.toHaveProperty('webAccessUris');
    expect(() => checkFaultConfig({webAccessUriPrefix: 'javascript:x'})).toThrow(
      /webAccessUriPrefix must be an https:\/\/ URI prefix/,
    );
  });
});
