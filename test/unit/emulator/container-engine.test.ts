// Engine detection and the Podman flag search (container-engine.ts): Podman is asked with its own
// `info` template, and a constrained host's refusals pick the flags that make a container start.
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {
  PodmanFlagSearch,
  engineKindOf,
  findContainerEngine,
  limitLadder,
  ownLimit,
} from '../../../source/emulator/contract/container-engine.js';
import {missingImageMessage} from '../../../source/emulator/custom-job/container-runtime.js';

const fakePodman = path.resolve(import.meta.dirname, '../../fixtures/fake-podman.py');
const PATH = process.env.PATH ?? '/usr/bin:/bin';

const LIMITS = `Limit                     Soft Limit           Hard Limit           Units
Max processes             96367                96367                processes
Max open files            20000                20000                files
`;

describe('engine kind and limits', () => {
  it('tells Podman (also behind a `docker` name) from Docker by the --version line', () => {
    expect(engineKindOf('podman version 4.3.1\n')).toBe('podman');
    expect(engineKindOf('Docker version 28.2.2, build e6534b4\n')).toBe('docker');
  });

  it('reads this process limits and tries them first, then lower ones', () => {
    expect(ownLimit(LIMITS, 'nofile')).toEqual({soft: 20000, hard: 20000});
    expect(ownLimit(LIMITS, 'nproc')).toEqual({soft: 96367, hard: 96367});
    expect(ownLimit('', 'nproc')).toBeUndefined();
    expect(limitLadder({soft: 1024, hard: 20000})).toEqual([
      '1024:20000',
      '4096:4096',
      '1024:1024',
    ]);
    expect(limitLadder(undefined)).toEqual([
      '65536:65536',
      '32768:32768',
      '4096:4096',
      '1024:1024',
    ]);
  });
});

describe('PodmanFlagSearch', () => {
  it('lowers only the limit the runtime names (runc numbers, crun names)', () => {
    const search = new PodmanFlagSearch(LIMITS, true);
    expect(search.next('error setting rlimit type 6: operation not permitted')).toBe(true);
    expect(search.runArgs).toEqual(['--ulimit', 'nproc=96367:96367']);
    expect(search.next('error setting rlimit type 6: operation not permitted')).toBe(true);
    expect(search.next('crun: setrlimit `RLIMIT_NOFILE`: Operation not permitted')).toBe(true);
    expect(search.runArgs).toEqual([
      '--ulimit',
      'nproc=65536:65536',
      '--ulimit',
      'nofile=20000:20000',
    ]);
    expect(search.notes.join('\n')).toMatch(
      /^--ulimit nofile=20000:20000: .*\(crun: setrlimit `RLIMIT_NOFILE`: Operation not permitted\)/m,
    );
  });

  it('tries the cgroupfs manager, then no cgroups, then runc; then gives up', () => {
    const search = new PodmanFlagSearch(LIMITS, true);
    const hybrid = 'crun: cgroups in hybrid mode not supported';
    expect(search.next(hybrid)).toBe(true);
    expect(search.globalArgs).toEqual(['--cgroup-manager', 'cgroupfs']);
    expect(search.next(hybrid)).toBe(true);
    expect(search.runArgs).toEqual(['--cgroups', 'disabled']);
    expect(search.next(hybrid)).toBe(true);
    expect(search.globalArgs).toEqual(['--cgroup-manager', 'cgroupfs', '--runtime', 'runc']);
    expect(search.next(hybrid)).toBe(false);
    expect(search.notes).toHaveLength(3);
    expect(search.notes[0]).toContain('cgroups in hybrid mode not supported');
    expect(new PodmanFlagSearch(LIMITS, false).next('crun: unknown error')).toBe(false);
  });
});

// Each probe runs the fake Podman (a Python script) several times: slow on a loaded machine.
describe('findContainerEngine with Podman', {timeout: 60_000}, () => {
  it("asks Podman with its own info template, not Docker's {{.ServerVersion}}", async () => {
    const probe = await findContainerEngine([fakePodman], {PATH});
    expect(probe).toMatchObject({
      ok: true,
      engine: {binary: fakePodman, kind: 'podman', version: '4.3.1', globalArgs: [], runArgs: []},
    });
  });

  it('finds the runtime, ulimits and cgroup flags a constrained host needs, each explained', async () => {
    const probe = await findContainerEngine([fakePodman], {
      PATH,
      FAKE_PODMAN_REFUSES: 'runtime,nofile,nproc,cgroups',
    });
    if (!probe.ok) throw new Error(JSON.stringify(probe.tried));
    const {globalArgs, runArgs, notes} = probe.engine;
    expect(globalArgs.join(' ')).toContain('--runtime runc');
    expect(runArgs.join(' ')).toMatch(/--cgroups disabled/);
    expect(runArgs.join(' ')).toMatch(/--ulimit nofile=(4096:4096|1024:1024)/);
    expect(runArgs.join(' ')).toMatch(/--ulimit nproc=1024:1024/);
    for (const flag of [
      '--runtime runc',
      '--cgroups disabled',
      '--ulimit nofile',
      '--ulimit nproc',
    ])
      expect(notes.some((note) => note.startsWith(flag))).toBe(true);
  });

  it('says what each attempt answered when nothing starts a container', async () => {
    const probe = await findContainerEngine([fakePodman], {
      PATH,
      FAKE_PODMAN_REFUSES: 'everything',
    });
    expect(probe.ok).toBe(false);
    const problem = probe.ok ? '' : (probe.tried[0]?.problem ?? '');
    expect(problem).toMatch(
      /^is installed but cannot start a container here: `.* run`: runc: unknown error; then `.*--runtime runc run`: runc: unknown error$/,
    );
  });
});

describe('missingImageMessage', () => {
  it('names the field, the image, the rule and the commands that provide the image', () => {
    expect(
      missingImageMessage('workerPoolSpecs[0].containerSpec.imageUri', 'localhost/t:1', {
        binary: 'podman',
        kind: 'podman',
      }),
    ).toBe(
      "workerPoolSpecs[0].containerSpec.imageUri: the image localhost/t:1 is not among podman's local images, and the local emulator never pulls one. Build it (`podman build -t localhost/t:1 DIR`), import a root filesystem (`podman import ROOTFS.tar localhost/t:1`) or fetch it once (`podman pull localhost/t:1`), then submit the job again.",
    );
  });
});
