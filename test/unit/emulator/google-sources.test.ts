// Google is the judge: every emulator module that answers a request — each service's handlers
// (`*-service.ts`, the Storage server) and each server-side validator (`validate-*.ts`) — names
// the Google source it follows: a proto file, a Google doc URL, or a googleapis repository file.
// Selected by role (file name), not by a list, so a new service or validator is held to it too.
// docs/google-sources.md is the table of those sources, behaviour by behaviour.
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../source/emulator');
/** The background service's own state (service/) is plumbing, not an imitated Google API. */
const HANDLER = /(^|\/)([a-z-]+-service|storage-server|validate-[a-z-]+|model-to-upload)\.ts$/;
const SOURCE =
  /https:\/\/(cloud\.google\.com|docs\.cloud\.google\.com|google\.aip\.dev|github\.com\/googleapis)\/|\b[a-z_]+\.proto\b|googleapis\/[a-z-]+/;

function files(dir: string): string[] {
  return fs.readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'service' ? [] : files(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('emulator modules that answer requests name their Google source', () => {
  const handlers = files(ROOT)
    .map((file) => path.relative(ROOT, file))
    .filter((file) => HANDLER.test(file));

  it('finds the services and validators', () => {
    expect(handlers).toEqual(
      expect.arrayContaining([
        'custom-job/job-service.ts',
        'custom-job/validate-request.ts',
        'logging/logging-service.ts',
        'monitoring/metric-service.ts',
        'pipeline/pipeline-service.ts',
        'storage/storage-server.ts',
        'study/tuning-service.ts',
      ]),
    );
  });

  for (const file of handlers) {
    it(file, () => {
      expect(fs.readFileSync(path.join(ROOT, file), 'utf8')).toMatch(SOURCE);
    });
  }
});
