// A real container engine for tests: Podman (what .ci/run installs) with a tiny image built here
// from the host's static busybox (Debian's busybox-static) and `podman import`, so nothing is ever
// pulled. Without Podman or a static busybox the container tests report themselves skipped; CI
// sets VTRAIN_REQUIRE_CONTAINERS=1 so that it fails instead.
import {execFileSync, spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ENGINE = process.env.VTRAIN_TEST_CONTAINER_ENGINE ?? 'podman';
const BUSYBOX = process.env.VTRAIN_TEST_BUSYBOX ?? '/bin/busybox';

function isStaticBusybox(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  // A dynamically linked ELF names its loader (PT_INTERP); a static one does not.
  const head = fs.readFileSync(file).subarray(0, 4096).toString('latin1');
  return (
    head.startsWith('\x7fELF') && !head.includes('/lib64/ld-linux') && !head.includes('/lib/ld-')
  );
}

function engineAnswers(): boolean {
  return (
    spawnSync(ENGINE, ['info', '--format', '{{.Version.Version}}'], {
      stdio: 'ignore',
      timeout: 30_000,
    }).status === 0
  );
}

/** Why the container tests cannot run here, or undefined when they can. */
export const containerSkipReason: string | undefined = !engineAnswers()
  ? `${ENGINE} does not answer \`${ENGINE} info\``
  : !isStaticBusybox(BUSYBOX)
    ? `${BUSYBOX} is not a static busybox (apt-get install busybox-static)`
    : undefined;

if (containerSkipReason && process.env.VTRAIN_REQUIRE_CONTAINERS === '1')
  throw new Error(`VTRAIN_REQUIRE_CONTAINERS=1 but ${containerSkipReason}`);

/**
 * Builds `tag` from busybox (every applet linked in /bin) plus `extraFiles` (path in the image →
 * executable text), as a user's `podman import` would.
 */
export function buildBusyboxImage(tag: string, extraFiles: Record<string, string> = {}): void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-busybox-root-'));
  try {
    const bin = path.join(root, 'bin');
    fs.mkdirSync(bin);
    fs.copyFileSync(BUSYBOX, path.join(bin, 'busybox'));
    fs.chmodSync(path.join(bin, 'busybox'), 0o755);
    const applets = execFileSync(BUSYBOX, ['--list'], {encoding: 'utf8'}).split('\n');
    for (const applet of applets.filter((name) => /^[\w.[-]+$/.test(name) && name !== 'busybox'))
      fs.symlinkSync('busybox', path.join(bin, applet));
    fs.mkdirSync(path.join(root, 'tmp'), {mode: 0o1777});
    for (const [file, text] of Object.entries(extraFiles)) {
      const target = path.join(root, file);
      fs.rmSync(target, {force: true});
      fs.writeFileSync(target, text, {mode: 0o755});
    }
    const tar = path.join(root, '..', `${path.basename(root)}.tar`);
    execFileSync('tar', ['-C', root, '-cf', tar, '.']);
    try {
      execFileSync(ENGINE, ['import', '--change', 'CMD ["/bin/sh"]', tar, tag], {stdio: 'ignore'});
    } finally {
      fs.rmSync(tar, {force: true});
    }
  } finally {
    fs.rmSync(root, {recursive: true, force: true});
  }
}

export function removeImage(tag: string): void {
  spawnSync(ENGINE, ['rmi', '--force', tag], {stdio: 'ignore', timeout: 60_000});
}

/** Names of every container (running or not) whose name contains `needle`. */
export function containersNamed(needle: string): string[] {
  const out = execFileSync(ENGINE, ['ps', '--all', '--format', '{{.Names}}'], {encoding: 'utf8'});
  return out.split('\n').filter((name) => name.includes(needle));
}

/**
 * Names of every container (running or not) of the emulator whose data folder is `dataDir`: the
 * emulator labels each of its containers `vtrain-emulator=<sha256 of the folder, 16 hex>`
 * (emulator/custom-job/container-replicas.ts), so parallel test files never see each other's.
 */
export function containersOfEmulator(dataDir: string): string[] {
  const id = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  const out = execFileSync(
    ENGINE,
    ['ps', '--all', '--filter', `label=vtrain-emulator=${id}`, '--format', '{{.Names}}'],
    {encoding: 'utf8'},
  );
  return out.split('\n').filter(Boolean);
}

/** A tag unique to this test run, so parallel runs never share an image. */
export function testImageTag(what: string): string {
  return `localhost/vtrain-test-${what}:${process.pid}`;
}

export function imageExists(tag: string): boolean {
  return spawnSync(ENGINE, ['image', 'exists', tag], {stdio: 'ignore'}).status === 0;
}
