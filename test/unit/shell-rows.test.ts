// Breaking a shell line that is wider than the screen: rows fit, breaks go after commas where one
// fits, and bash reads the rows back as the same words (so rows copied off the screen still run).
import {describe, expect, it} from 'vitest';
import terminalTextWidth from '../../source/core/text/terminal-text-width.js';
import {shellQuote} from '../../source/core/job-spec/index.js';
import {shellRows} from '../../source/core/text/shell-rows.js';
import {bashArgv} from '../helpers/shell-argv.js';

const SPEC =
  '--worker-pool-spec=machine-type=n1-standard-4,replica-count=2,executor-image-uri=us-docker.pkg.dev/vertex-ai/training/pytorch-xla.2-4.py310:latest,python-module=trainer.task';

/** A `gcloud` line with these words after the command, quoted as the app quotes them. */
const line = (...words: string[]) => ['gcloud', ...words].map(shellQuote).join(' ');

describe('shellRows', () => {
  it('returns a line that fits as it is', () => {
    expect(shellRows('    --region=us-central1 \\', 80)).toEqual(['    --region=us-central1 \\']);
  });

  it('breaks a long flag only after commas when its pieces fit, continuing in column 0', () => {
    const rows = shellRows(`    ${SPEC} \\`, 100);
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows.slice(0, -1)) expect(row).toMatch(/,\\$/);
    for (const row of rows.slice(1)) expect(row).toMatch(/^[a-z]/);
    expect(rows.at(-1)).toMatch(/ \\$/);
  });

  const cases: {name: string; words: string[]}[] = [
    {name: 'a bare key=value list', words: [SPEC, '--region=us-central1']},
    {name: 'a URI without commas', words: [`--python-package-uris=gs://b/${'p/'.repeat(40)}x.tgz`]},
    {name: 'a single-quoted word', words: [`--args=--note=two words,${"it's ".repeat(20)}`]},
    {name: 'spaces only', words: [`--display-name=${' '.repeat(60)}`]},
  ];
  for (const {name, words} of cases) {
    it(`${name}: rows fit every width and bash reads the same words`, () => {
      const text = line(...words);
      for (const width of [20, 33, 47, 80]) {
        const rows = shellRows(text, width);
        for (const row of rows) expect(terminalTextWidth(row)).toBeLessThanOrEqual(width);
        expect(bashArgv(rows.join('\n'))).toEqual(['gcloud', ...words]);
      }
    });
  }

  it('breaks inside double quotes without touching $(…)', () => {
    const text = `curl -H "Authorization: Bearer $(gcloud auth print-access-token)" x`;
    for (const width of [12, 20, 30]) {
      const rows = shellRows(text, width);
      expect(rows.join('\n')).toContain('$(');
      // Removing the continuations gives the line back.
      expect(rows.join('\n').replaceAll('\\\n', '')).toBe(text);
    }
  });
});
