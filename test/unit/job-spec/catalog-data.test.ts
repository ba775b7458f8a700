// The built-in catalog data as data: every image row is well-formed and consistent with its name,
// every table says where it comes from and when it was checked, and the defaults picked from it on
// a given day are the ones the issue asks for (never a retired image when another is left, never
// another framework's image).
import {describe, expect, it} from 'vitest';
import {
  BUILTIN_CATALOG,
  CATALOG_DATE,
  catalogHealth,
  catalogNotice,
  defaultImageFor,
  exampleDraft,
  exampleImageName,
  findPrebuiltImage,
  mergeCatalog,
  newestAvailableImage,
  parsePrebuiltUri,
  prebuiltImageUri,
  validateDraft,
  type Catalog,
  type PrebuiltImage,
} from '../../../source/core/job-spec/index.js';

const images = BUILTIN_CATALOG.prebuiltImages;
const FRAMEWORK_OF_PREFIX: Record<string, string> = {
  tf: 'TensorFlow',
  pytorch: 'PyTorch',
  sklearn: 'scikit-learn',
  'scikit-learn': 'scikit-learn',
  xgboost: 'XGBoost',
  ray: 'Ray',
};
// <framework>-<variant>.<major>-<minor>[.py3NN|.cp3NN]
const IMAGE_NAME = /^([a-z-]+?)-(cpu|gpu|tpu|xla)\.(\d+)-(\d+)(?:\.(py|cp)3(\d+))?$/;

function isCalendarDate(value: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value
  );
}

describe('pre-built image rows', () => {
  it('have well-formed names whose parts match framework, version, accelerator and Python', () => {
    expect(images.length).toBeGreaterThan(80);
    for (const image of images) {
      const match = IMAGE_NAME.exec(image.name);
      expect(match, image.name).not.toBeNull();
      const [, prefix, variant, major, minor, , pythonMinor] = match!;
      expect(FRAMEWORK_OF_PREFIX[prefix!], image.name).toBe(image.framework);
      expect(`${major}.${minor}`, image.name).toBe(image.version);
      const accelerator = variant === 'gpu' ? 'GPU' : variant === 'tpu' ? 'TPU' : 'CPU';
      expect(image.accelerator, image.name).toBe(accelerator);
      // The page itself gives Python 3.8 for pytorch-tpu.2-1.cp310; the data follows the page.
      if (pythonMinor && image.name !== 'pytorch-tpu.2-1.cp310')
        expect(image.python, image.name).toBe(`3.${pythonMinor}`);
    }
    expect(new Set(images.map((i) => i.name)).size).toBe(images.length);
  });

  it('give a well-formed URI in every registry that resolves back to the row', () => {
    for (const image of images) {
      for (const region of ['us-central1', 'europe-west4', 'asia-east1']) {
        const uri = prebuiltImageUri(image.name, region);
        expect(uri).toMatch(
          /^(us|europe|asia)-docker\.pkg\.dev\/vertex-ai\/training\/[a-z0-9][a-z0-9.-]*:latest$/,
        );
        expect(parsePrebuiltUri(uri)).toMatchObject({name: image.name, tag: 'latest'});
        expect(findPrebuiltImage(uri)).toBe(image);
      }
    }
  });

  it('have real calendar dates, support ending no later than availability', () => {
    for (const image of images) {
      expect(isCalendarDate(image.endOfAvailability), image.name).toBe(true);
      expect(image.endOfSupport, image.name).toBeDefined();
      expect(isCalendarDate(image.endOfSupport!), image.name).toBe(true);
      expect(image.endOfSupport! <= image.endOfAvailability, image.name).toBe(true);
    }
  });

  it('keep CPU and GPU variants of one release on the same schedule (one listed exception)', () => {
    const key = (i: PrebuiltImage) => `${i.framework} ${i.version} py${i.python}`;
    const byRelease = new Map<string, PrebuiltImage[]>();
    for (const image of images.filter((i) => i.accelerator !== 'TPU'))
      byRelease.set(key(image), [...(byRelease.get(key(image)) ?? []), image]);
    const differing: string[] = [];
    for (const [release, variants] of byRelease) {
      const cpu = variants.filter((i) => i.accelerator === 'CPU');
      const gpu = variants.filter((i) => i.accelerator === 'GPU');
      expect(cpu.length <= 1 && gpu.length <= 1, release).toBe(true);
      if (cpu[0] && gpu[0]) {
        expect(cpu[0].endOfSupport, release).toBe(gpu[0].endOfSupport);
        if (cpu[0].endOfAvailability !== gpu[0].endOfAvailability) differing.push(release);
        // The GPU name is the CPU name with its variant swapped.
        expect(cpu[0].name.replace(/-(cpu|xla)\./, '-gpu.'), release).toBe(gpu[0].name);
      }
    }
    // The page keeps the PyTorch 2.2 CPU image nine months longer than the GPU one.
    expect(differing).toEqual(['PyTorch 2.2 py3.10']);
  });

  it('list the newest release of each framework that the stored pages give', () => {
    const newest = (framework: string) =>
      defaultImageFor(BUILTIN_CATALOG, framework, 'CPU', '2000-01-01')?.image.name;
    expect(newest('TensorFlow')).toBe('tf-cpu.2-17.py310');
    expect(newest('PyTorch')).toBe('pytorch-xla.2-4.py310');
    expect(newest('scikit-learn')).toBe('sklearn-cpu.1-6');
    expect(newest('XGBoost')).toBe('xgboost-cpu.2-1');
    expect(newest('Ray')).toBe('ray-cpu.2-47.py311');
  });
});

describe('catalog sources', () => {
  it('name a source, the source date and a check date per table; the catalog date is the oldest', () => {
    const sources = Object.entries(BUILTIN_CATALOG.sources);
    expect(sources.map(([table]) => table).sort()).toEqual([
      'acceleratorOptions',
      'accelerators',
      'machineTypes',
      'prebuiltImages',
      'prices',
      'reductionServerImage',
      'regions',
      'tpuTopologies',
    ]);
    for (const [table, source] of sources) {
      expect(source.source, table).toMatch(/\S/);
      expect(
        source.sourceDate === 'stored copy, undated' || isCalendarDate(source.sourceDate ?? ''),
        table,
      ).toBe(true);
      expect(isCalendarDate(source.checked), table).toBe(true);
    }
    const oldest = sources.map(([, s]) => s.checked).sort()[0];
    expect(CATALOG_DATE).toBe(oldest);
    expect(BUILTIN_CATALOG.date).toBe(oldest);
    const imageSource = BUILTIN_CATALOG.sources.prebuiltImages;
    expect(imageSource.checked).toBe('2026-12-01');
    expect(imageSource.sourceDate).toBe('stored copy, undated');
    for (const page of ['training/pre-built-containers', 'supported-frameworks'])
      expect(imageSource.source).toContain(
        `https://docs.cloud.google.com/gemini-enterprise-agent-platform/machine-learning/${page}`,
      );
  });
});

describe('default images on a given day', () => {
  it('never picks a retired image while one is left, nor another framework’s image', () => {
    for (const today of ['2025-01-01', '2026-06-01', '2026-09-01', '2026-12-01', '2027-05-01']) {
      for (const framework of new Set(images.map((i) => i.framework))) {
        for (const accelerator of ['CPU', 'GPU', 'TPU'] as const) {
          const candidates = images.filter(
            (i) => i.framework === framework && i.accelerator === accelerator,
          );
          const offered = defaultImageFor(BUILTIN_CATALOG, framework, accelerator, today);
          const label = `${framework} ${accelerator} ${today}`;
          if (candidates.length === 0) {
            expect(offered, label).toBeUndefined();
            continue;
          }
          expect(offered?.image.framework, label).toBe(framework);
          expect(offered?.image.accelerator, label).toBe(accelerator);
          const anyLeft = candidates.some((i) => i.endOfAvailability >= today);
          expect(offered?.available, label).toBe(anyLeft);
          if (anyLeft) expect(offered!.image.endOfAvailability >= today, label).toBe(true);
          const strict = newestAvailableImage(BUILTIN_CATALOG, framework, accelerator, today);
          expect(strict, label).toBe(anyLeft ? offered!.image : undefined);
        }
      }
    }
  });

  it('picks the PyTorch CPU image for the example, the newest still available when there is one', () => {
    expect(exampleImageName(BUILTIN_CATALOG, '2026-06-01')).toBe('pytorch-xla.2-4.py310');
    // 2.3 and 2.4 have expired, 2.2 CPU is kept until 2026-10-23.
    expect(exampleImageName(BUILTIN_CATALOG, '2026-09-01')).toBe('pytorch-xla.2-2.py310');
    // All have expired: the newest listed, which the notice and the review then flag.
    expect(exampleImageName(BUILTIN_CATALOG, '2026-12-01')).toBe('pytorch-xla.2-4.py310');
    expect(newestAvailableImage(BUILTIN_CATALOG, 'PyTorch', 'CPU', '2026-12-01')).toBeUndefined();
    // Ray is the only framework left on 2026-12-01 and is never used for the PyTorch example.
    expect(newestAvailableImage(BUILTIN_CATALOG, 'Ray', 'CPU', '2026-12-01')?.name).toBe(
      'ray-cpu.2-47.py311',
    );
  });

  it('the example job on 2026-12-01: the review warns and its fix is something the user can do', () => {
    const now = new Date('2026-12-01T10:00:00Z');
    const draft = exampleDraft({
      project: 'p',
      region: 'europe-west4',
      packagePath: '/x',
      stagingBucket: 'b',
      now,
    });
    const task = draft.workerPools[0]!.task;
    expect(task.kind === 'python-package' && task.executorImageUri).toBe(
      'europe-docker.pkg.dev/vertex-ai/training/pytorch-xla.2-4.py310:latest',
    );
    const expired = validateDraft(draft, now).filter((p) => p.rule === 'image-end-of-availability');
    expect(expired.length).toBeGreaterThan(0);
    for (const problem of expired) {
      expect(problem.severity).toBe('warning');
      expect(problem.fix).not.toMatch(/^pick /);
      expect(problem.fix).toMatch(/lists no newer PyTorch CPU image: use a custom container/);
    }
    // On 2026-09-01 the example takes 2.2, past its end of support: still no newer one to pick.
    const september = new Date('2026-09-01T10:00:00Z');
    const earlier = exampleDraft({
      project: 'p',
      region: 'us-central1',
      packagePath: '/x',
      stagingBucket: 'b',
      now: september,
    });
    const problems = validateDraft(earlier, september);
    expect(problems.some((p) => p.rule === 'image-end-of-availability')).toBe(false);
    const support = problems.filter((p) => p.rule === 'image-end-of-support');
    expect(support.length).toBeGreaterThan(0);
    for (const problem of support) expect(problem.fix).toMatch(/lists no newer PyTorch CPU/);
  });
});

describe('staleness notice for the built-in catalog', () => {
  const settings = '/home/u/.config/vtrain-tui/settings.json';

  it('on 2026-12-01 says which tables are old, which frameworks have nothing left, and how to fix', () => {
    const notice = catalogNotice(BUILTIN_CATALOG, '2026-12-01', settings);
    expect(notice).toEqual({
      message:
        'catalog checked 2026-08-22, 3 months ago (images: 2026-12-01, prices: 2026-12-06); ' +
        'no TensorFlow, PyTorch, scikit-learn or XGBoost image in it is still available',
      fix:
        'use a custom container, or get newer images: a newer vtrain-tui release (if any), or ' +
        `add them with a "date" under "catalog"."prebuiltImages" in ${settings}`,
    });
    expect(catalogHealth(BUILTIN_CATALOG, '2026-12-01')).toMatchObject({
      ageDays: 101,
      stale: true,
      newerTables: [
        {table: 'prebuiltImages', checked: '2026-12-01'},
        {table: 'prices', checked: '2026-12-06'},
      ],
    });
  });

  it('offers only the settings-file fix when nothing has expired, and is quiet once updated', () => {
    const onlyOld = catalogNotice(
      {...BUILTIN_CATALOG, prebuiltImages: images.filter((i) => i.framework === 'Ray')},
      '2026-12-01',
      settings,
    );
    expect(onlyOld?.message).toBe(
      'catalog checked 2026-08-22, 3 months ago (images: 2026-12-01, prices: 2026-12-06)',
    );
    expect(onlyOld?.fix).toBe(
      `a newer vtrain-tui release (if any) may have a newer catalog; or add current entries and a "date" under "catalog" in ${settings}`,
    );
    const updated = mergeCatalog(BUILTIN_CATALOG, {
      date: '2026-11-30',
      prebuiltImages: ['TensorFlow', 'PyTorch', 'scikit-learn', 'XGBoost'].map((framework) => ({
        name: `${framework.toLowerCase()}-cpu.9-9`,
        framework,
        version: '9.9',
        accelerator: 'CPU',
        python: '3.12',
        endOfAvailability: '2027-11-30',
      })),
    });
    expect(updated.ok).toBe(true);
    const catalog = (updated as {catalog: Catalog}).catalog;
    expect(catalogNotice(catalog, '2026-12-01', settings)).toBeUndefined();
    expect(exampleImageName(catalog, '2026-12-01')).toBe('pytorch-cpu.9-9');
  });
});
