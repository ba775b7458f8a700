import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {
  BUILTIN_CATALOG,
  MACHINE_TYPES,
  PREBUILT_IMAGES,
  acceleratorOptionsFor,
  catalogHealth,
  catalogNotice,
  defaultImageFor,
  exampleDraft,
  findMachineType,
  findPrebuiltImage,
  imageRegistryPrefix,
  isReductionServerImage,
  mergeCatalog,
  prebuiltImageUri,
  reductionServerImageUri,
  tpuTopologiesFor,
  validateDraft,
  type Catalog,
} from '../../../source/core/job-spec/index.js';
import {loadCatalog} from '../../../source/core/settings/catalog-overrides.js';
import {baseDraft, packagePool} from './fixtures.js';

describe('built-in catalog data', () => {
  const catalog = BUILTIN_CATALOG;
  it('is dated and internally consistent', () => {
    expect(catalog.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const machines = new Set(catalog.machineTypes.map((m) => m.name));
    const accelerators = new Set(catalog.accelerators.map((a) => a.name));
    expect(machines.size).toBe(catalog.machineTypes.length);
    for (const option of catalog.acceleratorOptions) {
      expect(machines, option.machineType).toContain(option.machineType);
      expect(accelerators, option.acceleratorType).toContain(option.acceleratorType);
      expect(option.counts.length).toBeGreaterThan(0);
    }
    for (const option of catalog.tpuTopologies) expect(machines).toContain(option.machineType);
    for (const machine of catalog.machineTypes.filter((m) => m.acceleratorRequired)) {
      const usable =
        acceleratorOptionsFor(machine.name).length > 0 || tpuTopologiesFor(machine.name);
      expect(usable, machine.name).toBeTruthy();
    }
    const images = catalog.prebuiltImages.map((i) => i.name);
    expect(new Set(images).size).toBe(images.length);
    for (const image of catalog.prebuiltImages) {
      expect(image.endOfAvailability).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (image.endOfSupport) expect(image.endOfSupport <= image.endOfAvailability).toBe(true);
    }
  });

  it('covers the families and accelerators of the issue', () => {
    const pairs = (machine: string) =>
      acceleratorOptionsFor(machine).map((o) => `${o.acceleratorType}×${o.counts.join('/')}`);
    expect(pairs('n1-standard-4')).toEqual([
      'NVIDIA_TESLA_P4×1/2/4',
      'NVIDIA_TESLA_P100×1/2/4',
      'NVIDIA_TESLA_T4×1/2/4',
      'NVIDIA_TESLA_V100×1/2/4/8',
    ]);
    expect(pairs('a2-highgpu-4g')).toEqual(['NVIDIA_TESLA_A100×4']);
    expect(pairs('a2-ultragpu-8g')).toEqual(['NVIDIA_A100_80GB×8']);
    expect(pairs('a3-highgpu-2g')).toEqual(['NVIDIA_H100_80GB×2']);
    expect(pairs('a3-ultragpu-8g')).toEqual(['NVIDIA_H200_141GB×8']);
    expect(pairs('a4-highgpu-8g')).toEqual(['NVIDIA_B200×8']);
    expect(pairs('g2-standard-24')).toEqual(['NVIDIA_L4×2']);
    expect(pairs('g4-standard-384')).toEqual(['NVIDIA_RTX_PRO_6000×8']);
    expect(pairs('cloud-tpu')).toEqual([
      'TPU_V2×8/32/64/128/256/512',
      'TPU_V3×8/32/64/128/256/512/1024/2048',
    ]);
    expect(tpuTopologiesFor('ct5lp-hightpu-1t')).toEqual(['1x1']);
    expect(tpuTopologiesFor('ct6e-standard-4t')).toContain('16x16');
    expect(findMachineType('n1-standard-8')).toMatchObject({vcpus: 8, memoryGb: 30});
    expect(findMachineType('a2-highgpu-1g')).toMatchObject({vcpus: 12, memoryGb: 85});
  });

  it('maps regions to image registries and finds images only with :latest', () => {
    expect(imageRegistryPrefix('europe-west4')).toBe('europe');
    expect(imageRegistryPrefix('asia-northeast1')).toBe('asia');
    expect(imageRegistryPrefix('australia-southeast1')).toBe('asia');
    expect(imageRegistryPrefix('us-east4')).toBe('us');
    const uri = prebuiltImageUri('tf-gpu.2-17.py310', 'asia-east1');
    expect(uri).toBe('asia-docker.pkg.dev/vertex-ai/training/tf-gpu.2-17.py310:latest');
    expect(findPrebuiltImage(uri)).toMatchObject({framework: 'TensorFlow', accelerator: 'GPU'});
    expect(findPrebuiltImage(uri.replace(':latest', ':2.17'))).toBeUndefined();
    expect(reductionServerImageUri('europe-west1')).toBe(
      'europe-docker.pkg.dev/vertex-ai-restricted/training/reductionserver:latest',
    );
    expect(isReductionServerImage(reductionServerImageUri('us-central1'))).toBe(true);
    expect(isReductionServerImage('us-docker.pkg.dev/vertex-ai/training/reductionserver')).toBe(
      false,
    );
  });
});

describe('catalog overrides', () => {
  it('adds a machine type and replaces accelerator counts by key', () => {
    const result = mergeCatalog(BUILTIN_CATALOG, {
      machineTypes: [
        {name: 'a5-highgpu-8g', vcpus: 256, memoryGb: 4096, acceleratorRequired: true},
      ],
      accelerators: [{name: 'NVIDIA_B300', kind: 'GPU', label: 'NVIDIA B300'}],
      acceleratorOptions: [
        {machineType: 'a5-highgpu-8g', acceleratorType: 'NVIDIA_B300', counts: [8]},
        {machineType: 'n1-standard-4', acceleratorType: 'NVIDIA_TESLA_T4', counts: [1]},
      ],
      regions: ['us-east7'],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const catalog: Catalog = result.catalog;
    expect(findMachineType('a5-highgpu-8g', catalog)).toMatchObject({family: 'a5', vcpus: 256});
    expect(
      acceleratorOptionsFor('n1-standard-4', catalog).find(
        (o) => o.acceleratorType === 'NVIDIA_TESLA_T4',
      )?.counts,
    ).toEqual([1]);
    expect(catalog.regions).toContain('us-east7');
    expect(BUILTIN_CATALOG.regions).not.toContain('us-east7');
    // The merged catalog drives validation: the new machine is accepted with its GPU.
    const draft = baseDraft({
      region: 'us-east7',
      workerPools: [
        packagePool(1, {
          machineType: 'a5-highgpu-8g',
          acceleratorType: 'NVIDIA_B300',
          acceleratorCount: 8,
        }),
      ],
    });
    const rules = (c?: Catalog) =>
      validateDraft(draft, new Date('2026-01-01'), {catalog: c}).map((p) => p.rule);
    expect(rules(catalog)).not.toContain('machine-type-known');
    expect(rules(catalog)).not.toContain('region-known');
    expect(rules()).toContain('machine-type-known');
  });

  it('rejects malformed entries with the path, the rule and a fix', () => {
    const result = mergeCatalog(BUILTIN_CATALOG, {
      machineTypes: [{name: 'x-1', vcpus: 'four', memoryGb: 4, gpus: 2}],
      acceleratorOptions: [{machineType: 'x-1', acceleratorType: 'NVIDIA_L4', counts: [0]}],
      prebuiltImages: 'none',
      colours: {},
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual([
      'colours',
      'machineTypes[0].gpus',
      'machineTypes[0].vcpus',
      'acceleratorOptions[0].counts',
      'prebuiltImages',
    ]);
    for (const error of result.errors) expect(error.fix.length).toBeGreaterThan(3);
    expect(mergeCatalog(BUILTIN_CATALOG, 'x')).toMatchObject({ok: false});
    expect(mergeCatalog(BUILTIN_CATALOG, undefined)).toEqual({ok: true, catalog: BUILTIN_CATALOG});
  });

  it('loads overrides from the settings file and falls back on errors', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vtrain-catalog-'));
    try {
      const file = path.join(dir, 'config.json');
      expect(await loadCatalog(file)).toEqual({catalog: BUILTIN_CATALOG, errors: []});
      await fs.writeFile(file, JSON.stringify({catalog: {regions: ['us-east7']}}));
      const loaded = await loadCatalog(file);
      expect(loaded.errors).toEqual([]);
      expect(loaded.catalog.regions).toContain('us-east7');
      await fs.writeFile(file, JSON.stringify({catalog: {machineTypes: [{name: 'y'}]}}));
      const bad = await loadCatalog(file);
      expect(bad.catalog).toBe(BUILTIN_CATALOG);
      expect(bad.errors.map((e) => e.path)).toContain('catalog.machineTypes[0].vcpus');
      await fs.writeFile(file, '{"catalog": ');
      expect((await loadCatalog(file)).errors[0]?.message).toMatch(/not valid JSON/);
    } finally {
      await fs.rm(dir, {recursive: true, force: true});
    }
  });
});

describe('wizard short lists', () => {
  it('are drawn from the full catalog', () => {
    expect(MACHINE_TYPES.map((m) => m.name)).toContain('n1-standard-4');
    for (const machine of MACHINE_TYPES) expect(BUILTIN_CATALOG.machineTypes).toContain(machine);
    expect(PREBUILT_IMAGES).toHaveLength(5);
    for (const image of PREBUILT_IMAGES) expect(BUILTIN_CATALOG.prebuiltImages).toContain(image);
  });
});

describe('catalog health', () => {
  const image = (name: string, version: string, endOfAvailability: string, python = '3.10') => ({
    name,
    framework: 'PyTorch',
    version,
    accelerator: 'CPU' as const,
    python,
    endOfAvailability,
  });

  it('names a source and a check date for every table', () => {
    for (const [table, source] of Object.entries(BUILTIN_CATALOG.sources)) {
      expect(source.source, table).not.toBe('');
      expect(source.checked, table).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(source.checked >= BUILTIN_CATALOG.date, table).toBe(true);
    }
    expect(BUILTIN_CATALOG.sources.prebuiltImages.source).toContain(
      'gemini-enterprise-agent-platform/machine-learning/training/pre-built-containers',
    );
  });

  it('says once that the built-in catalog is old and which frameworks have no image left', () => {
    const notice = catalogNotice(BUILTIN_CATALOG, '2026-12-01', '/home/u/settings.json');
    expect(notice?.message).toContain(`catalog checked ${BUILTIN_CATALOG.date}, 3 months ago`);
    expect(notice?.message).toMatch(/no .*PyTorch.* image in it is still available/);
    expect(notice?.message).not.toMatch(/Ray/);
    expect(notice?.fix).toContain('/home/u/settings.json');
    expect(notice?.fix).toContain('prebuiltImages');
    expect(catalogHealth(BUILTIN_CATALOG, '2026-12-01').frameworksWithoutImage).toEqual(
      expect.arrayContaining(['PyTorch', 'TensorFlow']),
    );
  });

  it('is quiet for a current catalog and counts age in days', () => {
    const current = {
      ...BUILTIN_CATALOG,
      prebuiltImages: BUILTIN_CATALOG.prebuiltImages.filter((i) => i.framework === 'Ray'),
    };
    expect(catalogNotice(current, BUILTIN_CATALOG.date, 's.json')).toBeUndefined();
    // The data itself: on its oldest check date TensorFlow 2.17 had already expired (2026-07-11).
    expect(catalogNotice(BUILTIN_CATALOG, BUILTIN_CATALOG.date, 's.json')?.message).toBe(
      'no TensorFlow, scikit-learn or XGBoost image in it is still available',
    );
    const health = catalogHealth({...BUILTIN_CATALOG, date: '2026-09-01'}, '2026-12-01');
    expect(health.ageDays).toBe(91);
    expect(health.stale).toBe(true);
    expect(catalogHealth({...BUILTIN_CATALOG, date: '2026-09-02'}, '2026-12-01').stale).toBe(false);
  });

  it('clears once the settings file adds a current image and a newer date', () => {
    const merged = mergeCatalog(BUILTIN_CATALOG, {
      date: '2026-11-30',
      prebuiltImages: [
        {...image('pytorch-cpu.2-7.py310', '2.7', '2027-06-01'), framework: 'PyTorch'},
        ...['TensorFlow', 'scikit-learn', 'XGBoost'].map((framework) => ({
          ...image(`${framework.toLowerCase()}-cpu.9-9`, '9.9', '2027-06-01'),
          framework,
        })),
      ],
    });
    if (!merged.ok) throw new Error(JSON.stringify(merged.errors));
    expect(merged.catalog.sources.prebuiltImages).toEqual({
      source: 'settings file',
      checked: '2026-11-30',
    });
    expect(catalogNotice(merged.catalog, '2026-12-01', 's.json')).toBeUndefined();
    const draft = exampleDraft({
      project: 'p',
      region: 'us-central1',
      packagePath: '/x',
      stagingBucket: 'b',
      now: new Date('2026-12-01'),
      catalog: merged.catalog,
    });
    const task = draft.workerPools[0].task;
    expect(task.kind === 'python-package' && task.executorImageUri).toBe(
      'us-docker.pkg.dev/vertex-ai/training/pytorch-cpu.2-7.py310:latest',
    );
  });

  it('defaults to the newest available image, never a retired one while another is left', () => {
    const catalog = {
      ...BUILTIN_CATALOG,
      prebuiltImages: [
        image('old', '2.10', '2026-01-01'),
        image('mid', '2.9', '2027-01-01', '3.10'),
        image('mid311', '2.9', '2027-01-01', '3.11'),
        image('ancient', '1.13', '2027-06-01'),
      ],
    };
    expect(defaultImageFor(catalog, 'PyTorch', 'CPU', '2026-12-01')).toEqual({
      image: expect.objectContaining({name: 'mid311'}),
      available: true,
    });
    expect(defaultImageFor(catalog, 'PyTorch', 'CPU', '2027-03-01')).toEqual({
      image: expect.objectContaining({name: 'ancient'}),
      available: true,
    });
    expect(defaultImageFor(catalog, 'PyTorch', 'CPU', '2028-01-01')).toEqual({
      image: expect.objectContaining({name: 'old'}),
      available: false,
    });
    expect(defaultImageFor(catalog, 'PyTorch', 'GPU', '2026-12-01')).toBeUndefined();
  });

  it('offers "pick a newer version" only when the catalog has one', () => {
    const retired = baseDraft();
    const fixFor = (catalog: Catalog) =>
      validateDraft(retired, new Date('2026-12-01'), {catalog}).find(
        (p) => p.rule === 'image-end-of-availability',
      )?.fix;
    expect(fixFor(BUILTIN_CATALOG)).toMatch(/lists no newer PyTorch GPU image/);
    expect(fixFor(BUILTIN_CATALOG)).toMatch(/custom container/);
    const withNewer = mergeCatalog(BUILTIN_CATALOG, {
      prebuiltImages: [
        {...image('pytorch-gpu.2-7.py310', '2.7', '2027-06-01'), accelerator: 'GPU'},
      ],
    });
    expect(withNewer.ok && fixFor(withNewer.catalog)).toBe(
      'pick PyTorch 2.7 (pytorch-gpu.2-7.py310) in the container step',
    );
  });
});
