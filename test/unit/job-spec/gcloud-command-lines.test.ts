// The review's multi-line gcloud command: the command words on the first line, one flag per
// continuation line, and text that bash reads back as exactly the one-line command's words.
import {describe, expect, it} from 'vitest';
import {
  COMMAND_CONTINUATION_INDENT,
  gcloudCommandLines,
  gcloudCommandScript,
  gcloudCreateArgv,
  gcloudCreateCommand,
  type JobDraft,
  type WorkerPoolDraft,
} from '../../../source/core/job-spec/index.js';
import {bashArgv} from '../../helpers/shell-argv.js';
import {baseDraft, containerPool, packagePool, sampleDrafts} from './fixtures.js';

/** A package pool gcloud flags can describe alone (no env vars). */
function flagPool(replicaCount: number, args: string[]): WorkerPoolDraft {
  const pool = packagePool(replicaCount);
  return {...pool, task: {...pool.task, env: [], args}} as WorkerPoolDraft;
}

const flagOnly: {name: string; draft: JobDraft}[] = [
  {
    name: 'two package pools, service account and web access',
    draft: baseDraft({
      timeoutSeconds: undefined,
      workerPools: [flagPool(1, ['--epochs=3']), flagPool(4, ['--epochs=3'])],
      serviceAccount: 'trainer@my-project.iam.gserviceaccount.com',
      enableWebAccess: true,
    }),
  },
  {
    name: 'quotes and spaces in the name and args',
    draft: baseDraft({
      timeoutSeconds: undefined,
      displayName: "it's my job",
      workerPools: [flagPool(1, ['--note=two words', "--q='x'"])],
    }),
  },
  {
    name: 'a container with a command',
    draft: baseDraft({
      timeoutSeconds: undefined,
      workerPools: [{...containerPool(), bootDiskType: undefined, bootDiskSizeGb: undefined}],
    }),
  },
];
const gcloudDrafts = [
  ...flagOnly,
  ...sampleDrafts().filter(({draft}) => gcloudCreateArgv(draft)[0] === 'gcloud'),
];

describe('gcloudCommandLines', () => {
  for (const {name, draft} of gcloudDrafts) {
    it(`${name}: one flag a line, joined by continuations into the one-line command`, () => {
      const lines = gcloudCommandLines(draft);
      const argv = gcloudCreateArgv(draft);
      const flags = argv.filter((word) => word.startsWith('--'));
      expect(lines).toHaveLength(1 + flags.length);
      expect(lines[0]).toBe(`${argv.slice(0, 4).join(' ')} \\`);
      lines.slice(1).forEach((line, index) => {
        expect(line.startsWith(`${COMMAND_CONTINUATION_INDENT}`)).toBe(true);
        // The flag itself, quoted (a quoted word starts with the quote).
        expect(line.trimStart()).toMatch(/^'?--/);
        expect(line.includes(flags[index]!.split('=')[0]!)).toBe(true);
      });
      lines.forEach((line, index) => expect(line.endsWith(' \\')).toBe(index < lines.length - 1));
      // Same quoting as the one-line form: joining the lines as the shell does gives it back.
      const joined = lines.map((line) => line.replace(/ \\$/, '').replace(/^ +/, '')).join(' ');
      expect(joined).toBe(gcloudCreateCommand(draft));
      expect(bashArgv(lines.join('\n'))).toEqual(argv);
    });
  }

  it("keeps each of curl's flags with its value, for a training pipeline", () => {
    const draft = sampleDrafts().find(({draft: d}) => d.workflow === 'training-pipeline')!.draft;
    const lines = gcloudCommandLines(draft);
    expect(lines[0]).toBe('curl \\');
    expect(lines[1]).toBe(`${COMMAND_CONTINUATION_INDENT}-X POST \\`);
    expect(lines[2]).toBe(
      `${COMMAND_CONTINUATION_INDENT}-H "Authorization: Bearer $(gcloud auth print-access-token)" \\`,
    );
    expect(lines.at(-1)).toBe(`${COMMAND_CONTINUATION_INDENT}${gcloudCreateArgv(draft).at(-1)}`);
    const joined = lines.map((line) => line.replace(/ \\$/, '').replace(/^ +/, '')).join(' ');
    expect(joined).toBe(gcloudCreateCommand(draft));
  });

  it('writes the same lines as a script, saying which file it reads', () => {
    const tuning = sampleDrafts().find(({name}) => name === 'tuning job')!.draft;
    const script = gcloudCommandScript(tuning);
    expect(script.startsWith('#!/bin/sh\n')).toBe(true);
    expect(script).toMatch(/^# It reads job\.yaml from the directory it runs in\.$/m);
    expect(script.endsWith(`${gcloudCommandLines(tuning).join('\n')}\n`)).toBe(true);
    const simple = flagOnly[0]!.draft;
    expect(bashArgv(gcloudCommandScript(simple))).toEqual(gcloudCreateArgv(simple));
    expect(gcloudCommandScript(simple)).not.toMatch(/reads/);
  });
});
