// A replica's processes from a /proc tree (written here as files, the layout proc(5) documents):
// its process, its group and their descendants; CPU ticks to cores; VmRSS to bytes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {
  coresBetween,
  parseProcStat,
  readAllStats,
  sampleTree,
} from '../../../source/emulator/monitoring/process-tree.js';

const procDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-proc-'));
afterAll(() => fs.rmSync(procDir, {recursive: true, force: true}));

/** A stat line: pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime … */
const stat = (
  pid: number,
  comm: string,
  ppid: number,
  pgrp: number,
  utime: number,
  stime: number,
) =>
  `${pid} (${comm}) S ${ppid} ${pgrp} ${pgrp} 0 -1 4194304 10 0 0 0 ${utime} ${stime} 0 0 20 0 1 0 100 1000 50 18446744073709551615\n`;

function write(pid: number, line: string, rssKb?: number) {
  fs.mkdirSync(path.join(procDir, String(pid)), {recursive: true});
  fs.writeFileSync(path.join(procDir, String(pid), 'stat'), line);
  fs.writeFileSync(
    path.join(procDir, String(pid), 'status'),
    `Name:\tx\n${rssKb === undefined ? '' : `VmRSS:\t  ${rssKb} kB\n`}`,
  );
}

describe('/proc', () => {
  it('parses a stat line whose command holds spaces and parentheses', () => {
    expect(parseProcStat(stat(42, 'python3 (x) y', 1, 42, 150, 50))).toEqual({
      pid: 42,
      ppid: 1,
      pgrp: 42,
      cpuSeconds: 2,
    });
    expect(parseProcStat('garbage')).toBeUndefined();
  });

  it('sums the replica, its group and their descendants, nothing else', () => {
    write(100, stat(100, 'python3', 1, 100, 100, 0), 1000); // the replica
    write(101, stat(101, 'worker', 100, 100, 50, 50), 2000); // a child in its group
    write(102, stat(102, 'setsid child', 101, 102, 10, 0), 500); // left the group, still a descendant
    write(200, stat(200, 'other', 1, 200, 999, 0), 9999); // another process
    const stats = readAllStats(procDir);
    const before = sampleTree(100, stats, procDir)!;
    expect(before.pids.sort()).toEqual([100, 101, 102]);
    expect(before.rssBytes).toBe(3500 * 1024);
    // Two seconds later the replica used 1.5 s more, the child 0.5 s; a new process 0.2 s.
    write(100, stat(100, 'python3', 1, 100, 250, 0), 1000);
    write(101, stat(101, 'worker', 100, 100, 100, 50), 2000);
    write(103, stat(103, 'new', 100, 100, 20, 0));
    const after = sampleTree(100, readAllStats(procDir), procDir)!;
    expect(coresBetween(before, after, 2)).toBeCloseTo((1.5 + 0.5 + 0 + 0.2) / 2, 10);
    expect(sampleTree(555, stats, procDir)).toBeUndefined();
  });
});
