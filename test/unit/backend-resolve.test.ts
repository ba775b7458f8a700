import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {findAdcSource} from '../../source/services/backend/adc-source.js';
import {resolveEndpoints} from '../../source/services/vertex/endpoints.js';
import {parseIni, readActiveGcloudConfig} from '../../source/services/backend/gcloud-config.js';
import {
  BackendFlagError,
  resolveBackendChoice,
  type ResolveOptions,
} from '../../source/services/backend/resolve-backend.js';
import {
  backendStatusLabel,
  startingStatusLabel,
} from '../../source/services/backend/status-label.js';

let home: string;
let gcloudDir: string;

function writeGcloudConfig(name: string, body: string, active?: string): void {
  fs.mkdirSync(path.join(gcloudDir, 'configurations'), {recursive: true});
  fs.writeFileSync(path.join(gcloudDir, 'configurations', `config_${name}`), body);
  if (active) fs.writeFileSync(path.join(gcloudDir, 'active_config'), active);
}

const noCredentials: ResolveOptions['findCredentials'] = () => ({kind: 'none'});

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-resolve-'));
  gcloudDir = path.join(home, '.config', 'gcloud');
});
afterEach(() => fs.rmSync(home, {recursive: true, force: true}));

describe('backend resolution order', () => {
  it('defaults to the local emulator with its own project on a first run', () => {
    const resolved = resolveBackendChoice({}, {HOME: home});
    expect(resolved.backend).toEqual({value: 'local', source: 'default (first run)'});
    expect(resolved.project).toEqual({value: 'local-project', source: 'default (local)'});
    expect(resolved.region).toEqual({value: 'us-central1', source: 'default'});
    expect(resolved.problems).toEqual([]);
  });

  it('takes the backend from the flag, then VTRAIN_BACKEND, then the last one used', () => {
    const settings = {backend: 'vertex' as const};
    const env = {HOME: home, VTRAIN_BACKEND: 'local'};
    expect(resolveBackendChoice({backend: 'vertex'}, env, {settings}).backend.source).toBe(
      '--backend',
    );
    expect(resolveBackendChoice({}, env, {settings}).backend).toEqual({
      value: 'local',
      source: 'env VTRAIN_BACKEND',
    });
    expect(resolveBackendChoice({}, {HOME: home}, {settings}).backend).toEqual({
      value: 'vertex',
      source: 'settings (last used)',
    });
  });

  it('refuses an unknown backend, naming the flag and the choices', () => {
    expect(() => resolveBackendChoice({backend: 'aws'}, {HOME: home})).toThrow(BackendFlagError);
    expect(() => resolveBackendChoice({backend: 'aws'}, {HOME: home})).toThrow(
      /--backend must be "local".*or "vertex".*got "aws"/,
    );
    expect(() => resolveBackendChoice({}, {HOME: home, VTRAIN_BACKEND: 'gcp'})).toThrow(
      /VTRAIN_BACKEND/,
    );
  });

  it('orders project: flag → GOOGLE_CLOUD_PROJECT → CLOUDSDK_CORE_PROJECT → gcloud → settings', () => {
    writeGcloudConfig('default', '[core]\nproject = from-gcloud\n');
    const settings = {project: 'from-settings'};
    const full = {
      HOME: home,
      GOOGLE_CLOUD_PROJECT: 'from-google-env',
      CLOUDSDK_CORE_PROJECT: 'from-sdk-env',
    };
    const pick = (flags: {project?: string}, env: Record<string, string>) =>
      resolveBackendChoice({backend: 'vertex', ...flags}, env, {
        settings,
        findCredentials: noCredentials,
      }).project;
    expect(pick({project: 'from-flag'}, full)).toEqual({value: 'from-flag', source: '--project'});
    expect(pick({}, full)).toEqual({value: 'from-google-env', source: 'env GOOGLE_CLOUD_PROJECT'});
    expect(pick({}, {HOME: home, CLOUDSDK_CORE_PROJECT: 'from-sdk-env'})).toEqual({
      value: 'from-sdk-env',
      source: 'env CLOUDSDK_CORE_PROJECT',
    });
    expect(pick({}, {HOME: home})).toEqual({
      value: 'from-gcloud',
      source: 'gcloud config "default"',
    });
    fs.rmSync(gcloudDir, {recursive: true});
    expect(pick({}, {HOME: home})).toEqual({value: 'from-settings', source: 'settings'});
  });

  it('orders region: flag → CLOUDSDK_AI_REGION → gcloud ai/region → settings → us-central1', () => {
    writeGcloudConfig('default', '[ai]\nregion = europe-west4\n');
    const settings = {region: 'asia-east1'};
    const pick = (flags: {region?: string}, env: Record<string, string>) =>
      resolveBackendChoice(flags, env, {settings}).region;
    expect(pick({region: 'us-east1'}, {HOME: home, CLOUDSDK_AI_REGION: 'us-west1'})).toEqual({
      value: 'us-east1',
      source: '--region',
    });
    expect(pick({}, {HOME: home, CLOUDSDK_AI_REGION: 'us-west1'}).source).toBe(
      'env CLOUDSDK_AI_REGION',
    );
    expect(pick({}, {HOME: home})).toEqual({
      value: 'europe-west4',
      source: 'gcloud config "default"',
    });
    fs.rmSync(gcloudDir, {recursive: true});
    expect(pick({}, {HOME: home}).source).toBe('settings');
    expect(resolveBackendChoice({}, {HOME: home}).region.source).toBe('default');
  });

  it('reads the active configuration named by CLOUDSDK_ACTIVE_CONFIG_NAME or active_config, under CLOUDSDK_CONFIG', () => {
    const other = path.join(home, 'elsewhere');
    fs.mkdirSync(path.join(other, 'configurations'), {recursive: true});
    fs.writeFileSync(path.join(other, 'active_config'), 'work\n');
    fs.writeFileSync(
      path.join(other, 'configurations', 'config_work'),
      '# comment\n[core]\naccount = me@example.com\nproject = work-proj\n\n[ai]\nregion = us-east4\n',
    );
    fs.writeFileSync(
      path.join(other, 'configurations', 'config_play'),
      '[core]\nproject = play-proj\n',
    );
    const env = {HOME: home, CLOUDSDK_CONFIG: other};
    expect(readActiveGcloudConfig(env)).toMatchObject({
      name: 'work',
      project: 'work-proj',
      region: 'us-east4',
      account: 'me@example.com',
    });
    expect(readActiveGcloudConfig({...env, CLOUDSDK_ACTIVE_CONFIG_NAME: 'play'})).toMatchObject({
      name: 'play',
      project: 'play-proj',
    });
    const resolved = resolveBackendChoice({backend: 'vertex'}, env, {
      findCredentials: noCredentials,
    });
    expect(resolved.account).toEqual({value: 'me@example.com', source: 'gcloud config "work"'});
    expect(backendStatusLabel(resolved)).toBe(
      'Vertex AI · work-proj (from gcloud config "work") · us-east4 (from gcloud config "work") · me@example.com',
    );
  });

  it('parses INI with either separator and ignores comments and empty values', () => {
    const sections = parseIni('[core]\nproject: a-project\n; note\naccount =\n[ai]\nregion=x\n');
    expect(sections.get('core')?.get('project')).toBe('a-project');
    expect(sections.get('ai')?.get('region')).toBe('x');
    writeGcloudConfig('default', '[core]\nproject =\n');
    expect(readActiveGcloudConfig({HOME: home}).project).toBeUndefined();
  });
});

describe('project and region checks', () => {
  const vertex = (project: string, region = 'us-central1') =>
    resolveBackendChoice(
      {backend: 'vertex', project, region},
      {HOME: home},
      {
        findCredentials: noCredentials,
        trainingRegions: ['us-central1', 'europe-west4'],
      },
    );

  it('recognises a display name and explains the fix', () => {
    const resolved = vertex('My First Project');
    expect(resolved.problems).toHaveLength(1);
    expect(resolved.problems[0]).toMatch(/looks like a display name.*gcloud projects list/);
  });

  it('accepts a project number with a note naming the lookup command', () => {
    const resolved = vertex('123456789012');
    expect(resolved.problems).toEqual([]);
    expect(resolved.notes[0]).toMatch(/project number.*gcloud projects describe 123456789012/);
  });

  it('accepts IDs, including legacy domain-scoped ones', () => {
    expect(vertex('my-proj-42').problems).toEqual([]);
    expect(vertex('example.com:my-proj').problems).toEqual([]);
    expect(vertex('ab').problems[0]).toMatch(/not a valid project ID/);
  });

  it('needs a project for Vertex and says the three ways to set one', () => {
    const resolved = resolveBackendChoice(
      {backend: 'vertex'},
      {HOME: home},
      {
        findCredentials: noCredentials,
      },
    );
    expect(resolved.project).toBeUndefined();
    expect(resolved.problems[0]).toMatch(
      /--project.*GOOGLE_CLOUD_PROJECT.*gcloud config set project/,
    );
  });

  it('refuses a malformed region (a multi-region, a zone) with the rule and the fix', () => {
    for (const region of ['us', 'us-central1-a', 'US-CENTRAL1', 'europe west4']) {
      const [problem, ...more] = vertex('my-proj-42', region).problems;
      expect(more).toEqual([]);
      expect(problem).toMatch(
        /^region ".*" \(--region\) is not a region name like us-central1; .* pass --region REGION/,
      );
    }
  });

  // gcloud's own region list "should ONLY be used as fallbacks … Do not use for validation"
  // (googlecloudsdk/command_lib/ai/constants.py): a well-formed region missing from it opens
  // Vertex mode, with a warning, and the endpoint answers.
  it('opens Vertex mode in a well-formed region outside the built-in list, with a warning', () => {
    const resolved = vertex('my-proj-42', 'mars-north1');
    expect(resolved.problems).toEqual([]);
    expect(resolved.notes).toEqual([
      expect.stringMatching(
        /^region "mars-north1" \(--region\) is not in vtrain-tui's list.*using it anyway/,
      ),
    ]);
    expect(resolved.endpoints?.aiplatform.host).toBe('mars-north1-aiplatform.googleapis.com');
    expect(vertex('my-proj-42', 'europe-west4').notes).toEqual([]);
  });
});

describe('endpoints', () => {
  it('uses the regional Vertex host and the global Logging and Storage hosts', () => {
    const endpoints = resolveEndpoints('europe-west4', {});
    expect(endpoints.aiplatform).toMatchObject({
      host: 'europe-west4-aiplatform.googleapis.com',
      port: 443,
    });
    expect(endpoints.logging).toMatchObject({host: 'logging.googleapis.com', port: 443});
    expect(endpoints.storage.url).toBe('https://storage.googleapis.com');
  });

  it('honours gcloud overrides and STORAGE_EMULATOR_HOST, naming the variable', () => {
    const endpoints = resolveEndpoints('us-central1', {
      CLOUDSDK_API_ENDPOINT_OVERRIDES_AIPLATFORM: 'https://127.0.0.1:8443/',
      CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING: 'localhost:9443',
      STORAGE_EMULATOR_HOST: '127.0.0.1:9000',
    });
    expect(endpoints.aiplatform).toEqual({
      host: '127.0.0.1',
      port: 8443,
      source: 'env CLOUDSDK_API_ENDPOINT_OVERRIDES_AIPLATFORM',
    });
    expect(endpoints.logging).toMatchObject({host: 'localhost', port: 9443});
    expect(endpoints.storage).toEqual({
      url: 'http://127.0.0.1:9000',
      source: 'env STORAGE_EMULATOR_HOST',
    });
    expect(
      resolveEndpoints('us-central1', {
        STORAGE_EMULATOR_HOST: '127.0.0.1:9000',
        CLOUDSDK_API_ENDPOINT_OVERRIDES_STORAGE: 'https://127.0.0.1:9443/storage/v1/',
      }).storage.url,
    ).toBe('https://127.0.0.1:9443');
    expect(
      resolveEndpoints('us-central1', {STORAGE_EMULATOR_HOST: 'http://127.0.0.1:9000/t/abc/'})
        .storage.url,
    ).toBe('http://127.0.0.1:9000/t/abc');
  });

  it('refuses a plain-http gRPC override, since credentials need TLS', () => {
    const resolved = resolveBackendChoice(
      {backend: 'vertex', project: 'my-proj-42'},
      {HOME: home, CLOUDSDK_API_ENDPOINT_OVERRIDES_AIPLATFORM: 'http://127.0.0.1:1234/'},
      {findCredentials: noCredentials},
    );
    expect(resolved.problems[0]).toMatch(/CLOUDSDK_API_ENDPOINT_OVERRIDES_AIPLATFORM.*https/);
  });
});

describe('credentials discovery (no network)', () => {
  it('follows GOOGLE_APPLICATION_CREDENTIALS and names the service account', () => {
    const file = path.join(home, 'sa.json');
    fs.writeFileSync(
      file,
      JSON.stringify({type: 'service_account', client_email: 'trainer@p.iam.gserviceaccount.com'}),
    );
    const source = findAdcSource({HOME: home, GOOGLE_APPLICATION_CREDENTIALS: file});
    expect(source).toMatchObject({
      kind: 'file',
      type: 'service_account',
      account: 'trainer@p.iam.gserviceaccount.com',
      from: 'env GOOGLE_APPLICATION_CREDENTIALS',
    });
    const resolved = resolveBackendChoice(
      {backend: 'vertex', project: 'my-proj-42'},
      {HOME: home, GOOGLE_APPLICATION_CREDENTIALS: file},
    );
    expect(resolved.account).toEqual({
      value: 'trainer@p.iam.gserviceaccount.com',
      source: 'credentials file',
    });
  });

  it('finds the gcloud application-default file, and reports a broken one', () => {
    fs.mkdirSync(gcloudDir, {recursive: true});
    fs.writeFileSync(path.join(gcloudDir, 'application_default_credentials.json'), '{"type":');
    expect(findAdcSource({HOME: home})).toMatchObject({
      kind: 'file',
      from: 'gcloud auth application-default login',
      problem: 'the file is not valid JSON',
    });
    expect(
      findAdcSource({HOME: home, GOOGLE_APPLICATION_CREDENTIALS: path.join(home, 'missing.json')}),
    ).toMatchObject({problem: 'the file does not exist'});
  });

  it('off Google Cloud without a file there is no credential (no metadata probe)', () => {
    expect(findAdcSource({HOME: home}, () => false)).toEqual({kind: 'none'});
    expect(findAdcSource({HOME: home}, () => true)).toEqual({
      kind: 'metadata',
      reason: 'running on Google Cloud',
    });
    expect(findAdcSource({HOME: home, METADATA_SERVER_DETECTION: 'none'}, () => true)).toEqual({
      kind: 'none',
    });
  });
});

describe('status label', () => {
  it('shows backend, project with its source, region and account', () => {
    writeGcloudConfig('default', '[core]\nproject = my-proj\naccount = me@example.com\n');
    const resolved = resolveBackendChoice(
      {backend: 'vertex'},
      {HOME: home},
      {
        findCredentials: noCredentials,
      },
    );
    expect(backendStatusLabel(resolved)).toBe(
      'Vertex AI · my-proj (from gcloud config "default") · us-central1 · me@example.com',
    );
    expect(backendStatusLabel(resolveBackendChoice({}, {HOME: home}))).toBe(
      'local emulator · my-proj · us-central1',
    );
  });

  it('says what it is waiting for while the backend opens', () => {
    expect(startingStatusLabel(undefined)).toBe('local emulator: starting…');
    const resolved = resolveBackendChoice(
      {backend: 'vertex', project: 'my-proj-42'},
      {HOME: home},
      {
        findCredentials: noCredentials,
      },
    );
    expect(startingStatusLabel(resolved)).toBe(
      'Vertex AI · my-proj-42 · us-central1: checking credentials…',
    );
  });
});
