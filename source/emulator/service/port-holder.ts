// Who holds a TCP port on this machine, for a message that names them when the service cannot
// get back a port it used before (Linux: the socket's uid and inode from /proc/net/tcp{,6}, the
// pid from whichever /proc/PID/fd links to that socket, where we may read it). Elsewhere, or
// when nothing is readable, the answer is undefined and the message just says the port is busy.
import fs from 'node:fs';

export interface PortHolder {
  uid: number;
  user?: string;
  pid?: number;
  command?: string;
}

/** Sockets bound to `port` on any local address: their owner uid and inode. */
function socketsOn(port: number): Array<{uid: number; inode: string}> {
  const found: Array<{uid: number; inode: string}> = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = fs.readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10) continue;
      const localPort = parseInt(fields[1]?.split(':')[1] ?? '', 16);
      // 0A is TCP_LISTEN; a socket merely connected from that port does not hold it.
      if (localPort !== port || fields[3] !== '0A') continue;
      found.push({uid: Number(fields[7]), inode: fields[9] as string});
    }
  }
  return found;
}

function pidOfSocket(inode: string): number | undefined {
  const target = `socket:[${inode}]`;
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // another user's process (unless we are root), or gone
    }
    for (const fd of fds) {
      try {
        if (fs.readlinkSync(`/proc/${pid}/fd/${fd}`) === target) return Number(pid);
      } catch {
        // closed meanwhile
      }
    }
  }
  return undefined;
}

function userName(uid: number): string | undefined {
  try {
    for (const line of fs.readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const [name, , id] = line.split(':');
      if (name && Number(id) === uid && id !== '') return name;
    }
  } catch {
    // no passwd file
  }
  return undefined;
}

export function portHolder(port: number): PortHolder | undefined {
  const socket = socketsOn(port)[0];
  if (!socket) return undefined;
  const pid = pidOfSocket(socket.inode);
  let command: string | undefined;
  if (pid !== undefined) {
    try {
      command = fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      // gone meanwhile
    }
  }
  const user = userName(socket.uid);
  return {
    uid: socket.uid,
    ...(user && {user}),
    ...(pid !== undefined && {pid}),
    ...(command && {command}),
  };
}

/** "pid 123 (python3) of user nobody (uid 65534)", or "another program" when unknown. */
export function describeHolder(holder: PortHolder | undefined): string {
  if (!holder) return 'another program';
  const who = holder.user ? `user ${holder.user} (uid ${holder.uid})` : `uid ${holder.uid}`;
  return holder.pid !== undefined
    ? `pid ${holder.pid}${holder.command ? ` (${holder.command})` : ''} of ${who}`
    : `a process of ${who}`;
}
