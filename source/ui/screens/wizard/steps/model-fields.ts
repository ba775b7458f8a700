// The uploaded model's fields on the Options step: its name, and for a custom-trained model the
// container that serves it (Model.container_spec, which Vertex requires for custom-trained models
// and AutoML models do without, aiplatform v1 model.proto): a pre-built prediction image or the
// user's own, with the predict and health routes and the port when they differ from Vertex's
// defaults. The fields show only once the pipeline names a model.
import type {JobDraft, ModelContainerDraft} from '../../../../core/job-spec/index.js';
import {
  defaultPredictionImage,
  findPredictionImage,
  PREDICTION_IMAGES,
  predictionImageUri,
} from '../../../../core/job-spec/prediction-images.js';
import type {Claim, Field, TextField} from './field-kit.js';

const uploadsModel = (draft: JobDraft) =>
  draft.workflow === 'training-pipeline' || draft.trainingType === 'automl';

/** A custom-trained model the pipeline uploads: it needs a serving container. */
const servesModel = (draft: JobDraft) =>
  draft.trainingType === 'custom' &&
  draft.workflow === 'training-pipeline' &&
  draft.modelDisplayName !== undefined;

type ServingKind = 'prebuilt' | 'custom' | '';

export function servingKind(draft: JobDraft): ServingKind {
  const container = draft.modelContainer;
  if (!container) return '';
  return findPredictionImage(container.imageUri) ? 'prebuilt' : 'custom';
}

function withContainer(draft: JobDraft, change: Partial<ModelContainerDraft>): JobDraft {
  const container: ModelContainerDraft = {imageUri: '', ...draft.modelContainer, ...change};
  return {...draft, modelContainer: container};
}

/** An optional text of the container: empty removes it, so Vertex's default applies. */
function containerText(
  id: string,
  label: string,
  key: 'predictRoute' | 'healthRoute',
  hint: string,
): TextField {
  return {
    id,
    label,
    kind: 'text',
    hint,
    when: servesModel,
    get: (draft) => draft.modelContainer?.[key] ?? '',
    set: (draft, text) => {
      const next = withContainer(draft, {});
      const value = text.trim();
      if (value === '') delete next.modelContainer![key];
      else next.modelContainer![key] = value;
      return next;
    },
  };
}

export const MODEL_FIELDS: Field[] = [
  {
    id: 'modelDisplayName',
    label: 'Model name',
    kind: 'text',
    hint: 'the model the pipeline uploads (optional)',
    when: uploadsModel,
    get: (draft) => draft.modelDisplayName ?? '',
    set: (draft, text) => {
      const next = {...draft};
      if (text.trim() === '') {
        // No model, no serving container: nothing of it would be sent.
        delete next.modelDisplayName;
        delete next.modelContainer;
      } else next.modelDisplayName = text.trim();
      return next;
    },
  },
  {
    id: 'servingKind',
    label: 'Serving container',
    kind: 'choice',
    hint: 'serves the model; Vertex AI requires it for custom-trained models',
    when: servesModel,
    options: () => [
      {value: 'prebuilt', label: 'pre-built prediction image'},
      {value: 'custom', label: 'your own serving image'},
    ],
    get: servingKind,
    set: (draft, value, ctx) => {
      if (value === servingKind(draft)) return draft;
      if (value === 'custom') return withContainer(draft, {imageUri: ''});
      const image = defaultPredictionImage(ctx.today) ?? PREDICTION_IMAGES[0]!;
      return withContainer(draft, {imageUri: predictionImageUri(image.name, draft.region)});
    },
  },
  {
    id: 'servingImage',
    label: 'Serving image',
    kind: 'choice',
    hint: 'pre-built prediction images; retired ones are marked',
    when: (draft) => servesModel(draft) && servingKind(draft) === 'prebuilt',
    options: (_draft, ctx) =>
      PREDICTION_IMAGES.map((image) => ({
        value: image.name,
        label: `${image.framework} ${image.version} · ${image.accelerator} · ${image.name}${image.endOfAvailability < ctx.today ? ` · ⚠ retired ${image.endOfAvailability}` : ''}`,
      })),
    get: (draft) => findPredictionImage(draft.modelContainer?.imageUri ?? '')?.name ?? '',
    set: (draft, name) => withContainer(draft, {imageUri: predictionImageUri(name, draft.region)}),
  },
  {
    id: 'servingUri',
    label: 'Serving image URI',
    kind: 'text',
    hint: 'Artifact Registry image, e.g. us-docker.pkg.dev/PROJECT/REPO/SERVER:TAG',
    when: (draft) => servesModel(draft) && servingKind(draft) === 'custom',
    get: (draft) => draft.modelContainer?.imageUri ?? '',
    set: (draft, text) => withContainer(draft, {imageUri: text.trim()}),
  },
  containerText('predictRoute', 'Predict route', 'predictRoute', "empty: Vertex AI's default"),
  containerText('healthRoute', 'Health route', 'healthRoute', "empty: Vertex AI's default"),
  {
    id: 'servingPort',
    label: 'Serving port',
    kind: 'text',
    hint: 'empty: 8080',
    when: servesModel,
    get: (draft) =>
      draft.modelContainer?.port === undefined ? '' : String(draft.modelContainer.port),
    set: (draft, text) => {
      const trimmed = text.trim();
      const next = withContainer(draft, {});
      if (trimmed === '') {
        delete next.modelContainer!.port;
        return next;
      }
      const port = Number(trimmed);
      if (!/^\d+$/.test(trimmed) || port < 1 || port > 65535)
        return 'the port is a whole number from 1 to 65535';
      next.modelContainer!.port = port;
      return next;
    },
  },
];

/** Where the model's problems are fixed; before the Options step's catch-all for modelToUpload. */
export const MODEL_CLAIMS: Claim[] = [
  {path: /^modelToUpload\.containerSpec\.ports/, field: 'servingPort'},
  {path: /^modelToUpload\.containerSpec\.predictRoute$/, field: 'predictRoute'},
  {path: /^modelToUpload\.containerSpec\.healthRoute$/, field: 'healthRoute'},
  {path: /^modelToUpload\.containerSpec/, field: 'servingKind'},
  {path: /^modelToUpload/, field: 'modelDisplayName'},
];
