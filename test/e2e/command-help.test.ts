// Every command answers `COMMAND --help` and `vtrain-tui help COMMAND` the same way: its usage on
// stdout and exit 0 (issue #21: `submit --help` said "Unknown option '--help'"). The list comes
// from the command table, so a new command is covered the day it is added.
import {describe, expect, it} from 'vitest';
import {EMULATOR_USAGE, SCRIPT_COMMANDS} from '../../source/entry/command-table.js';
import {runCli} from '../helpers/service.js';

const NAMES = [
  ...Object.keys(SCRIPT_COMMANDS),
  ...Object.keys(EMULATOR_USAGE).map((action) => `emulator ${action}`),
];

describe.each(NAMES)('vtrain-tui %s', (name) => {
  const words = name.split(' ');

  it('answers --help with its usage on stdout, exit 0', async () => {
    const result = await runCli([...words, '--help']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage/m);
    expect(result.stdout).toContain(`vtrain-tui ${name}`);
  });

  it('answers `help NAME` the same way', async () => {
    const result = await runCli(['help', ...words]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage/m);
    expect(result.stdout).toContain(`vtrain-tui ${name}`);
  });
});

describe('vtrain-tui help', () => {
  it('alone prints the whole usage, exit 0', async () => {
    const result = await runCli(['help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage/m);
  });

  it('alone names every command and every jobs subcommand', async () => {
    const whole = (await runCli(['help'])).stdout;
    for (const name of Object.keys(SCRIPT_COMMANDS)) expect(whole).toContain(`vtrain-tui ${name}`);
    const jobsUsage = (await runCli(['jobs', '--help'])).stdout;
    const subcommands = [...jobsUsage.matchAll(/vtrain-tui jobs (\w+)/g)].map((m) => m[1]);
    expect(subcommands.length).toBeGreaterThanOrEqual(4);
    for (const sub of subcommands) expect(whole).toContain(`vtrain-tui jobs ${sub}`);
  });

  it('alone says each thing once: no line repeats, no two lines open with the same heading', async () => {
    const whole = (await runCli(['help'])).stdout;
    const lines = whole
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    const repeated = lines.filter((line, index) => lines.indexOf(line) !== index);
    expect(repeated).toEqual([]);
    // A heading is the short lead before a colon that opens an unindented line or one of its
    // sentences ("Exit codes of script commands:", "Keys in the app:"); two that open with the
    // same two words say the same thing.
    const headings = whole
      .split('\n')
      .filter((line) => /^\S/.test(line))
      .flatMap((line) => line.split(/(?<=\.) /))
      .map((sentence) => /^([^:]+):/.exec(sentence)?.[1])
      .filter((lead): lead is string => lead !== undefined && lead.split(' ').length <= 6)
      .map((lead) => lead.split(' ').slice(0, 2).join(' '));
    const twice = headings.filter((heading, index) => headings.indexOf(heading) !== index);
    expect(twice).toEqual([]);
  });

  it("alone names every flag of the emulator's start and serve", async () => {
    const whole = (await runCli(['--help'])).stdout;
    const flags = new Set(
      [EMULATOR_USAGE.start, EMULATOR_USAGE.serve].flatMap(
        (usage) => usage?.match(/--[a-z][a-z-]*/g) ?? [],
      ),
    );
    expect(flags.size).toBeGreaterThan(5);
    expect([...flags].filter((flag) => !whole.includes(flag))).toEqual([]);
  });

  it('of a command group prints each of its commands, and the group alone names them', async () => {
    const help = await runCli(['help', 'prices']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('vtrain-tui prices refresh');
    const alone = await runCli(['prices']);
    expect(alone.code).toBe(2);
    expect(alone.stderr.trim()).toBe(
      'vtrain-tui: "prices" is not a command; use `vtrain-tui prices refresh` (--help for its usage).',
    );
  });

  it('of an unknown command is one line on stderr, exit 2', async () => {
    const result = await runCli(['help', 'frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^vtrain-tui: unknown command "frobnicate"/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
