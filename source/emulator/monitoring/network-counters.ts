// A replica's network bytes, read honestly or not at all. /proc/PID/net/dev lists the interfaces
// of PID's network namespace (proc(5), /proc/pid/net), not of the process: a replica that shares
// the emulator's namespace (a plain process, or a container with host networking) would report
// every byte the host moves, so it gets no network series (the app shows "-"). A replica in a
// namespace of its own (a Podman/Docker container on its default network) is alone in it, so its
// interfaces' counters are its own traffic. Loopback is left out: Vertex's counters are the VM's
// network traffic. /proc/PID/io's rchar/wchar count every read and write (files too): not network.
import fs from 'node:fs';
import path from 'node:path';

export interface NetBytes {
  received: number;
  sent: number;
}

/** Sums /proc/PID/net/dev's receive and transmit bytes (columns 1 and 9) over non-loopback interfaces. */
export function parseNetDev(text: string): NetBytes {
  let received = 0;
  let sent = 0;
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    if (!name || name === 'lo' || name.includes('|')) continue;
    const fields = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/)
      .map(Number);
    if (fields.length < 9 || !Number.isFinite(fields[0]) || !Number.isFinite(fields[8])) continue;
    received += fields[0]!;
    sent += fields[8]!;
  }
  return {received, sent};
}

function link(file: string): string | undefined {
  try {
    return fs.readlinkSync(file);
  } catch {
    return undefined;
  }
}

/**
 * PID's namespace counters when it is in a network namespace other than `selfPid`'s (the
 * emulator's own); undefined when it shares it or its namespace cannot be read.
 */
export function ownNetworkBytes(
  pid: number,
  procDir = '/proc',
  selfPid: number | 'self' = 'self',
): NetBytes | undefined {
  const mine = link(path.join(procDir, String(pid), 'ns', 'net'));
  const emulator = link(path.join(procDir, String(selfPid), 'ns', 'net'));
  if (!mine || !emulator || mine === emulator) return undefined;
  try {
    return parseNetDev(fs.readFileSync(path.join(procDir, String(pid), 'net', 'dev'), 'utf8'));
  } catch {
    return undefined;
  }
}
