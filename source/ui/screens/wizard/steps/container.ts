// The Container step, once per worker pool: a pre-built image (framework and version, only those
// for the pool's accelerator, retired ones marked) with a Python package (a local folder packaged
// at submit, or gs:// URIs), or a custom image with its command; then arguments and environment.
import type {JobDraft, PoolTask, PrebuiltImage} from '../../../../core/job-spec/index.js';
import {
  findPrebuiltImage,
  prebuiltImageUri,
  tpuTopologiesFor,
} from '../../../../core/job-spec/catalog.js';
import {
  compareImagesNewestFirst,
  defaultImageFor,
  isImageAvailable,
  newestAvailableImage,
} from '../../../../core/job-spec/catalog-health.js';
import {
  defineStep,
  isCustom,
  joinArgs,
  list,
  pairs,
  poolOf,
  POOL_PATH,
  splitArgs,
  withTask,
  type Field,
  type FieldContext,
  type TextField,
} from './field-kit.js';
import {containerCatalogNote} from './catalog-note.js';
import {draftBackend} from './where.js';

function imageOf(draft: JobDraft, ctx: FieldContext): PrebuiltImage | undefined {
  const task = poolOf(draft, ctx.pool).task;
  return task.kind === 'python-package'
    ? findPrebuiltImage(task.executorImageUri, ctx.catalog)
    : undefined;
}

/** The accelerator kind the pool's machine needs: GPU images on GPUs, TPU images on TPUs. */
function acceleratorKind(draft: JobDraft, ctx: FieldContext): PrebuiltImage['accelerator'] {
  const machine = poolOf(draft, ctx.pool).machine;
  if (
    tpuTopologiesFor(machine.machineType, ctx.catalog) ||
    machine.acceleratorType?.startsWith('TPU')
  )
    return 'TPU';
  return machine.acceleratorType ? 'GPU' : 'CPU';
}

function imagesFor(ctx: FieldContext, framework: string, accelerator: string): PrebuiltImage[] {
  return ctx.catalog.prebuiltImages
    .filter((image) => image.framework === framework && image.accelerator === accelerator)
    .sort(compareImagesNewestFirst);
}

function setImage(draft: JobDraft, ctx: FieldContext, image: PrebuiltImage | undefined): JobDraft {
  const task = poolOf(draft, ctx.pool).task;
  if (task.kind !== 'python-package' || !image) return draft;
  return withTask(draft, ctx.pool, {
    ...task,
    executorImageUri: prebuiltImageUri(image.name, draft.region),
  });
}

const isPackage = (draft: JobDraft, ctx: FieldContext) =>
  poolOf(draft, ctx.pool).task.kind === 'python-package';

function taskText(
  id: string,
  label: string,
  read: (task: PoolTask) => string,
  write: (task: PoolTask, text: string) => PoolTask | string,
  when?: (draft: JobDraft, ctx: FieldContext) => boolean,
  hint?: string,
): TextField {
  return {
    id,
    label,
    kind: 'text',
    ...(when && {when}),
    ...(hint && {hint}),
    get: (draft, ctx) => read(poolOf(draft, ctx.pool).task),
    set: (draft, text, ctx) => {
      const task = write(poolOf(draft, ctx.pool).task, text);
      return typeof task === 'string' ? task : withTask(draft, ctx.pool, task);
    },
  };
}

function envText(task: PoolTask): string {
  if (!Array.isArray(task.env)) return JSON.stringify(task.env) ?? '';
  return task.env.map((e) => `${e.name}=${e.value}`).join(', ');
}

function envFrom(task: PoolTask, text: string): PoolTask | string {
  const parsed = pairs(text);
  return typeof parsed === 'string'
    ? parsed
    : {...task, env: parsed.map(([name, value]) => ({name, value}))};
}

const FIELDS: Field[] = [
  {
    id: 'kind',
    label: 'Container',
    kind: 'choice',
    options: () => [
      {value: 'python-package', label: 'pre-built image + your Python package'},
      {value: 'container', label: 'your own container image'},
    ],
    get: (draft, ctx) => poolOf(draft, ctx.pool).task.kind,
    set: (draft, value, ctx) => {
      const task = poolOf(draft, ctx.pool).task;
      if (task.kind === value) return draft;
      if (value === 'container')
        return withTask(draft, ctx.pool, {
          kind: 'container',
          imageUri: '',
          command: [],
          args: task.args,
          env: task.env,
        });
      // A default nobody chose must still be available; when none is, the field stays empty and
      // the image list (retired ones marked) is where the user decides.
      const image = newestAvailableImage(
        ctx.catalog,
        'PyTorch',
        acceleratorKind(draft, ctx),
        ctx.today,
      );
      return withTask(draft, ctx.pool, {
        kind: 'python-package',
        executorImageUri: image ? prebuiltImageUri(image.name, draft.region) : '',
        packageUris: [],
        pythonModule: 'trainer.task',
        args: task.args,
        env: task.env,
      });
    },
  },
  {
    id: 'framework',
    label: 'Framework',
    kind: 'choice',
    when: isPackage,
    options: (draft, ctx) =>
      [...new Set(ctx.catalog.prebuiltImages.map((image) => image.framework))].map((framework) => {
        const usable = imagesFor(ctx, framework, acceleratorKind(draft, ctx));
        const left = usable.some((image) => isImageAvailable(image, ctx.today));
        const note =
          usable.length === 0 ? ' (no image for this accelerator)' : left ? '' : ' (all retired)';
        return {value: framework, label: `${framework}${note}`};
      }),
    // The catalog said where images are chosen, as the backend makes it matter (catalog-note.ts).
    note: (draft, ctx) =>
      containerCatalogNote(draft, ctx.pool, ctx, draftBackend(draft, ctx.session)),
    get: (draft, ctx) => imageOf(draft, ctx)?.framework ?? '',
    set: (draft, framework, ctx) =>
      setImage(
        draft,
        ctx,
        defaultImageFor(ctx.catalog, framework, acceleratorKind(draft, ctx), ctx.today)?.image,
      ),
  },
  {
    id: 'image',
    label: 'Version',
    kind: 'choice',
    hint: "newest first; only images for the pool's accelerator; retired ones are marked",
    when: isPackage,
    options: (draft, ctx) => {
      const framework = imageOf(draft, ctx)?.framework ?? 'PyTorch';
      return imagesFor(ctx, framework, acceleratorKind(draft, ctx)).map((image) => ({
        value: image.name,
        label: `${image.version} · py${image.python} · ${image.name}${isImageAvailable(image, ctx.today) ? '' : ` · ⚠ retired ${image.endOfAvailability}`}`,
      }));
    },
    get: (draft, ctx) => imageOf(draft, ctx)?.name ?? '',
    set: (draft, name, ctx) =>
      setImage(
        draft,
        ctx,
        ctx.catalog.prebuiltImages.find((i) => i.name === name),
      ),
  },
  {
    id: 'image',
    label: 'Image URI',
    kind: 'text',
    when: (draft, ctx) => !isPackage(draft, ctx),
    get: (draft, ctx) => {
      const task = poolOf(draft, ctx.pool).task;
      return task.kind === 'container' ? task.imageUri : '';
    },
    set: (draft, text, ctx) => {
      const task = poolOf(draft, ctx.pool).task;
      return task.kind === 'container'
        ? withTask(draft, ctx.pool, {...task, imageUri: text.trim()})
        : draft;
    },
  },
  taskText(
    'localPackage',
    'Local package folder',
    (task) => (task.kind === 'python-package' ? (task.localPackagePath ?? '') : ''),
    (task, text) => {
      if (task.kind !== 'python-package') return task;
      const folder = text.trim();
      const next = {...task};
      if (folder === '') delete next.localPackagePath;
      else {
        next.localPackagePath = folder;
        const name = folder.replace(/\/+$/, '').split('/').pop() || 'trainer';
        const bucket =
          /^gs:\/\/([^/]+)\//.exec(task.packageUris[0] ?? '')?.[1] ?? 'vtrain-local-staging';
        next.packageUris = [
          `gs://${bucket}/vtrain-packages/${name}.tar.gz`,
          ...task.packageUris.slice(1),
        ];
      }
      return next;
    },
    isPackage,
    'packaged and uploaded at submit; or leave empty and give gs:// URIs',
  ),
  taskText(
    'packages',
    'Package URIs',
    (task) => (task.kind === 'python-package' ? task.packageUris.join(', ') : ''),
    (task, text) => (task.kind === 'python-package' ? {...task, packageUris: list(text)} : task),
    isPackage,
    'gs:// URIs of sdists, separated by commas',
  ),
  taskText(
    'module',
    'Python module',
    (task) => (task.kind === 'python-package' ? task.pythonModule : ''),
    (task, text) => (task.kind === 'python-package' ? {...task, pythonModule: text.trim()} : task),
    isPackage,
  ),
  taskText(
    'command',
    'Command',
    (task) => (task.kind === 'container' ? joinArgs(task.command) : ''),
    (task, text) => (task.kind === 'container' ? {...task, command: splitArgs(text)} : task),
    (draft, ctx) => !isPackage(draft, ctx),
    "empty: the image's ENTRYPOINT",
  ),
  taskText(
    'args',
    'Arguments',
    (task) => joinArgs(task.args),
    (task, text) => ({...task, args: splitArgs(text)}),
  ),
  taskText('env', 'Environment', envText, envFrom, undefined, 'NAME=value, separated by commas'),
];

function taskSummary(draft: JobDraft): string {
  const task = draft.workerPools[0]?.task;
  if (!task) return 'no primary pool';
  if (task.kind === 'container') return task.imageUri.split('/').pop() ?? task.imageUri;
  const image =
    task.executorImageUri
      .split('/')
      .pop()
      ?.replace(/:latest$/, '') ?? '';
  return `${image} · ${task.pythonModule || 'no module'}`;
}

const POOL = POOL_PATH;

export const containerStep = defineStep({
  id: 'container',
  title: 'Container',
  kind: 'form',
  perPool: true,
  when: isCustom,
  fields: FIELDS,
  // The review opens it on the image, not on the kind of container.
  opens: 'image',
  claims: [
    {
      path: new RegExp(
        `^${POOL}\\.(pythonPackageSpec\\.executorImageUri|containerSpec\\.imageUri)$`,
      ),
      field: 'image',
    },
    {path: new RegExp(`^${POOL}\\.pythonPackageSpec\\.packageUris`), field: 'packages'},
    {path: new RegExp(`^${POOL}\\.pythonPackageSpec\\.pythonModule$`), field: 'module'},
    {path: new RegExp(`^${POOL}\\.containerSpec\\.command`), field: 'command'},
    {path: new RegExp(`^${POOL}\\.(pythonPackageSpec|containerSpec)\\.args`), field: 'args'},
    {path: new RegExp(`^${POOL}\\.(pythonPackageSpec|containerSpec)\\.env`), field: 'env'},
    {path: new RegExp(`^${POOL}\\.(pythonPackageSpec|containerSpec)$`), field: 'image'},
  ],
  summary: taskSummary,
});
