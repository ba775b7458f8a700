// `vtrain-tui doctor` in a terminal: a long detail or fix (the container engine's flags and why)
// wraps at spaces and goes on under itself, instead of wrapping mid-word under the titles; a pipe
// gets each on one line.
import {describe, expect, it} from 'vitest';
import {formatDoctor, type DoctorReport} from '../../source/services/backend/doctor-checks.js';

const detail =
  'podman (podman 4.3.1) (docker is installed but its engine does not answer); with --ulimit nofile=20000:20000: the runtime may not set the default open-files limit here, so containers get one it accepts';
const report: DoctorReport = {
  ok: true,
  exitCode: 0,
  checks: [
    {id: 'node', title: 'Node.js', status: 'pass', detail: 'v20.20.2'},
    {
      id: 'container-engine',
      title: 'Container engine for local custom containers',
      status: 'warn',
      detail,
      fix: 'start the Docker daemon, or install Podman (Debian: apt-get install podman runc); only custom-container jobs on the local emulator need one',
    },
  ],
};

describe('doctor output', () => {
  it('wraps long details and fixes at the terminal width, under themselves', () => {
    const lines = formatDoctor(report, 100).trimEnd().split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
    const indent = ' '.repeat(6 + 'Container engine for local custom containers'.length + 2);
    const engine = lines.findIndex((line) => line.includes('Container engine'));
    expect(lines[engine]).toMatch(/ podman \(podman 4\.3\.1\)/);
    expect(lines[engine + 1]!.startsWith(indent)).toBe(true);
    expect(lines[engine + 1]![indent.length]).not.toBe(' ');
    const fix = lines.findIndex((line) => line.startsWith(`${indent}→ start the Docker`));
    expect(fix).toBeGreaterThan(engine);
    expect(lines[fix + 1]!.startsWith(`${indent}  `)).toBe(true);
    // Nothing is lost: the rows put together give the detail back.
    const joined = lines
      .slice(engine, fix)
      .map((line, index) => (index ? line.trim() : line.slice(indent.length)))
      .join(' ');
    expect(joined).toBe(detail);
  });

  it('keeps one line each in a pipe', () => {
    const lines = formatDoctor(report).trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(detail);
  });
});
