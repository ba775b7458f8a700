// The pre-built prediction (serving) images a training pipeline can name as its model's container
// (Model.container_spec.image_uri: "You can use the URI to one of Vertex AI's pre-built container
// images for prediction in this field", aiplatform v1 model.proto ModelContainerSpec). A table of
// its own beside the training images (catalog-data.ts), with its source and check date: serving
// images follow their own schedule. Any other image URI is a custom serving container.
//
// Source: "Prebuilt containers for inference and explanation",
// https://cloud.google.com/vertex-ai/docs/predictions/pre-built-containers (stored copies, undated,
// read 2026-12-06). Only the rows whose dates the copies show in full are listed: TensorFlow 2.13
// to 2.15. The page's scikit-learn, XGBoost and PyTorch rows were cut off in every copy read; the
// Python SDK lists their URIs (google/cloud/aiplatform/constants/prediction.py) but no dates, so
// they are not offered as pre-built here: name them as a custom image URI.
import {imageRegistryPrefix} from './catalog.js';
import type {PrebuiltImage} from './catalog-types.js';

export const PREDICTION_IMAGES_SOURCE = {
  source: 'https://cloud.google.com/vertex-ai/docs/predictions/pre-built-containers',
  sourceDate: 'stored copy, undated',
  checked: '2026-12-06',
} as const;

/** A serving image: name as in `…/vertex-ai/prediction/<name>:latest`. */
export type PredictionImage = Omit<PrebuiltImage, 'python'>;

export const PREDICTION_IMAGES: readonly PredictionImage[] = [
  ['2.15', 'tf2-cpu.2-15', 'CPU'],
  ['2.15', 'tf2-gpu.2-15', 'GPU'],
  ['2.14', 'tf2-cpu.2-14', 'CPU'],
  ['2.14', 'tf2-gpu.2-14', 'GPU'],
]
  .map(([version, name, accelerator]) => ({
    name: name!,
    framework: 'TensorFlow',
    version: version!,
    accelerator: accelerator as 'CPU' | 'GPU',
    endOfSupport: '2026-01-14',
    endOfAvailability: '2027-01-14',
  }))
  .concat(
    (['CPU', 'GPU'] as const).map((accelerator) => ({
      name: `tf2-${accelerator.toLowerCase()}.2-13`,
      framework: 'TensorFlow',
      version: '2.13',
      accelerator,
      endOfSupport: '2024-11-28',
      endOfAvailability: '2025-11-28',
    })),
  );

/** The image's URI in the Artifact Registry multi-region serving the job's region. */
export function predictionImageUri(name: string, region: string): string {
  return `${imageRegistryPrefix(region)}-docker.pkg.dev/vertex-ai/prediction/${name}:latest`;
}

const PREDICTION_URI =
  /^(us|europe|asia)-docker\.pkg\.dev\/vertex-ai\/prediction\/([^:@]+):latest$/;

/** The table's entry for a pre-built prediction image URI, or undefined (a custom image). */
export function findPredictionImage(uri: string): PredictionImage | undefined {
  const name = PREDICTION_URI.exec(uri)?.[2];
  return name === undefined ? undefined : PREDICTION_IMAGES.find((image) => image.name === name);
}

/** Whether the URI names Vertex's prediction repository at all (listed here or not). */
export function isPredictionRepositoryUri(uri: string): boolean {
  return /^(us|europe|asia)-docker\.pkg\.dev\/vertex-ai\/prediction\//.test(uri);
}

/** The newest serving image still available on `today` (the wizard's default), if any. */
export function defaultPredictionImage(today: string): PredictionImage | undefined {
  return PREDICTION_IMAGES.find(
    (image) => image.accelerator === 'CPU' && image.endOfAvailability >= today,
  );
}
