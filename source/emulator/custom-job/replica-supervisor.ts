// Replicas must end when their service dies, however it dies (issue #23): a SIGKILLed service runs
// no cleanup, and Node has no prctl(PR_SET_PDEATHSIG), which would in any case reach only the
// replica, not the children it forked. So every replica starts through this launcher, run by the
// service's own Python (-I: no PYTHONPATH, user site or current folder can shadow what it
// imports). It is the first process of the replica's new process group (the service spawns it
// detached) and:
//   1. forks a watchdog (through an intermediate that exits at once, so the watchdog is nobody's
//      child but init's and the replica never finds an unknown child to reap) that holds fd 3, one
//      end of a socket whose other end only the service holds (Node opens it close-on-exec);
//   2. execs the replica's command in place (same pid, same group, same environment as Node gave;
//      the exit status the service sees is the replica's own), with fd 3 closed at exec.
// The watchdog reports on fd 3 whether the exec worked ("started", or "error CODE message", read
// through a close-on-exec pipe: end of file means the exec succeeded), then blocks reading fd 3.
// End of file there means every copy of the service's end is closed: the service is gone, and the
// watchdog SIGKILLs the whole group (itself included). While the service lives, the watchdog is
// ended with the group by the service's own stop. The launcher takes its argv as data (the
// command and its arguments after `-c SCRIPT`); nothing passes through a shell.

import {execFile} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Kept short and dependency-free: it runs once per replica start. */
export const SUPERVISOR_SCRIPT = `
import errno, os, signal, sys

def environment():
    # The environment exactly as the service passed it: Python may add LC_CTYPE at start-up
    # (PEP 538), which /proc/self/environ does not show.
    try:
        with open("/proc/self/environ", "rb") as f:
            pairs = [item.split(b"=", 1) for item in f.read().split(b"\\0") if b"=" in item]
        return {os.fsdecode(k): os.fsdecode(v) for k, v in pairs}
    except OSError:
        return dict(os.environ)

def send(message):
    try:
        os.write(3, message.encode("utf-8", "replace") + b"\\n")
    except OSError:
        pass

def watch(status):
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, signal.SIG_IGN)
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    group = os.getpgrp()
    failure = b""
    while True:
        chunk = os.read(status, 4096)
        if not chunk:
            break
        failure += chunk
    if failure:
        send("error " + failure.decode("utf-8", "replace"))
        os._exit(0)
    send("started")
    while True:
        try:
            if not os.read(3, 4096):
                break
        except OSError:
            break
    os.killpg(group, signal.SIGKILL)
    os._exit(0)

def main():
    argv = sys.argv[1:]
    env = environment()
    status_read, status_write = os.pipe()
    middle = os.fork()
    if middle == 0:
        try:
            os.close(status_write)
            if os.fork() == 0:
                watch(status_read)
        finally:
            os._exit(0)
    os.waitpid(middle, 0)
    os.close(status_read)
    os.set_inheritable(3, False)
    try:
        os.execvpe(argv[0], argv, env)
    except OSError as error:
        code = errno.errorcode.get(error.errno, "EIO")
        os.write(status_write, ("%s %s" % (code, error.strerror)).encode())
        os._exit(127)

main()
`;

/**
 * The interpreter binary behind `python` (sys.executable), asked once per service: a wrapper in
 * between (a pyenv shim is a shell script) would change the environment the replica inherits and
 * cost its start-up time for every replica. Falls back to `python` as given.
 */
export function supervisorInterpreter(
  python: string,
  env: Record<string, string>,
): Promise<string> {
  return new Promise((resolve) => {
    execFile(
      python,
      ['-I', '-S', '-c', 'import sys; sys.stdout.write(sys.executable)'],
      {env, timeout: 15_000, shell: false},
      (error, stdout) => {
        const found = stdout.trim();
        resolve(!error && path.isAbsolute(found) && fs.existsSync(found) ? found : python);
      },
    );
  });
}

/** argv for the service's Python that runs `command args…` under the supervisor. */
export function supervisedArgs(command: string, args: string[]): string[] {
  return ['-I', '-S', '-c', SUPERVISOR_SCRIPT, command, ...args];
}
