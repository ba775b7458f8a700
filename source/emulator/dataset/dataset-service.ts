// google.cloud.aiplatform.v1.DatasetService: Create (long-running, as on Vertex), Get, List,
// Delete and ImportData of managed datasets, as handlers keyed by proto method name. A tabular
// dataset takes its CSV or BigQuery source in metadata.inputConfig at creation (tabular datasets
// have no ImportData); other types import JSONL objects from the local Cloud Storage.
// Sources: googleapis google/cloud/aiplatform/v1/dataset_service.proto and dataset.proto (the copies
// @google-cloud/aiplatform ships); the tabular metadata shape is the Python SDK's
// (googleapis/python-aiplatform google/cloud/aiplatform/datasets/tabular_dataset.py). That
// tabular datasets refuse ImportData is the SDK's behaviour, not a documented API rule: unconfirmed.
import fs from 'node:fs';
import {
  fromProtoValue,
  localObjectPath,
  GcsUriError,
  type JsonValue,
  type ProtoValue,
} from '../../core/job-spec/index.js';
import {failedPrecondition, invalidArgument} from '../rpc/grpc-errors.js';
import type {RecordStore} from '../records/record-store.js';
import {findRecord, listPage, type ListRequest} from '../rpc/list-page.js';
import {parentName, parseParent, resourceName} from '../rpc/resource-names.js';
import {nowNs} from '../rpc/clock.js';
import {EMPTY_RESPONSE, genericOperationMetadata, type OperationStore} from '../rpc/operations.js';
import {
  datasetToProto,
  TABULAR_SCHEMA,
  type DataItem,
  type DatasetRecord,
} from './dataset-record.js';

const ML_USE = 'aiplatform.googleapis.com/ml_use';

const V1 = 'google.cloud.aiplatform.v1';

/** The gs:// object as a local file, with a clear error when it is not in the local store. */
export function readLocalObject(bucketRoot: string, uri: string, field: string): string {
  let file: string;
  try {
    file = localObjectPath(bucketRoot, uri);
  } catch (error) {
    if (error instanceof GcsUriError) throw invalidArgument(`${field}: ${error.message}.`);
    throw error;
  }
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw invalidArgument(
      `${field}: ${uri} does not exist in the local Cloud Storage (upload it first, e.g. with @google-cloud/storage).`,
    );
  }
}

function tabularSource(metadata: ProtoValue | undefined): DatasetRecord['source'] {
  const field = 'dataset.metadata.input_config';
  let json: JsonValue;
  try {
    json = metadata ? fromProtoValue(metadata) : null;
  } catch {
    json = null;
  }
  const config = (json as {inputConfig?: Record<string, unknown>} | null)?.inputConfig;
  const gcs = (config?.gcsSource as {uri?: unknown} | undefined)?.uri;
  const bigquery = (config?.bigquerySource as {uri?: unknown} | undefined)?.uri;
  if (Array.isArray(gcs) && gcs.length > 0 && gcs.every((uri) => typeof uri === 'string'))
    return {gcs: gcs as string[]};
  if (typeof gcs === 'string') return {gcs: [gcs]};
  if (typeof bigquery === 'string' && bigquery) return {bigquery};
  throw invalidArgument(
    `${field} is required for a tabular dataset: {"inputConfig": {"gcsSource": {"uri": ["gs://BUCKET/data.csv"]}}} or {"inputConfig": {"bigquerySource": {"uri": "bq://PROJECT.DATASET.TABLE"}}}.`,
  );
}

export function datasetServiceHandlers(
  store: RecordStore<DatasetRecord>,
  operations: OperationStore,
  bucketRoot: string,
  encodeDataset: (message: Record<string, unknown>) => Buffer,
) {
  const find = (name: string): DatasetRecord => findRecord(store, name, 'datasets', 'Dataset');
  const done = (dataset: DatasetRecord, type: string, started: bigint, response: unknown) =>
    operations.addDone(parentName(dataset), {
      metadata: genericOperationMetadata(`${V1}.${type}`, started, nowNs()),
      response: response as {type_url: string; value: Buffer},
    });

  return {
    createDataset: (request: {
      parent: string;
      dataset?: {
        displayName?: string;
        metadataSchemaUri?: string;
        metadata?: ProtoValue;
        labels?: Record<string, string>;
      };
    }) => {
      const {project, location} = parseParent(request.parent);
      const spec = request.dataset;
      if (!spec?.displayName) throw invalidArgument('dataset.display_name is required.');
      if (!spec.metadataSchemaUri)
        throw invalidArgument(
          `dataset.metadata_schema_uri is required, e.g. ${TABULAR_SCHEMA} for tabular data.`,
        );
      const tabular = spec.metadataSchemaUri === TABULAR_SCHEMA;
      const source = tabular ? tabularSource(spec.metadata) : undefined;
      for (const uri of source?.gcs ?? [])
        readLocalObject(bucketRoot, uri, 'dataset.metadata.input_config.gcs_source.uri');
      const started = nowNs();
      const id = store.nextId();
      const dataset: DatasetRecord = {
        id,
        name: resourceName({project, location}, 'datasets', id),
        project,
        location,
        displayName: spec.displayName,
        labels: spec.labels ?? {},
        state: 'JOB_STATE_SUCCEEDED',
        createTimeNs: started,
        updateTimeNs: started,
        metadataSchemaUri: spec.metadataSchemaUri,
        ...(spec.metadata && {metadata: spec.metadata}),
        ...(source && {source}),
        items: [],
      };
      store.insert(dataset);
      return done(dataset, 'CreateDatasetOperationMetadata', started, {
        type_url: `type.googleapis.com/${V1}.Dataset`,
        value: encodeDataset(datasetToProto(dataset)),
      });
    },

    getDataset: (request: {name: string}) => datasetToProto(find(request.name)),

    listDatasets: (request: ListRequest) => {
      const {items, nextPageToken} = listPage(store.list(), request, datasetToProto);
      return {datasets: items, nextPageToken};
    },

    deleteDataset: (request: {name: string}) => {
      const dataset = find(request.name);
      const started = nowNs();
      store.delete(dataset.id);
      return done(dataset, 'DeleteOperationMetadata', started, EMPTY_RESPONSE);
    },

    importData: (request: {
      name: string;
      importConfigs?: {
        gcsSource?: {uris?: string[]};
        importSchemaUri?: string;
        dataItemLabels?: Record<string, string>;
      }[];
    }) => {
      const dataset = find(request.name);
      if (dataset.metadataSchemaUri === TABULAR_SCHEMA)
        throw failedPrecondition(
          'Tabular datasets have no ImportData: give the CSV or BigQuery source in metadata.inputConfig when you create the dataset.',
        );
      const configs = request.importConfigs ?? [];
      if (configs.length === 0) throw invalidArgument('import_configs must not be empty.');
      const started = nowNs();
      const items: DataItem[] = [];
      configs.forEach((config, index) => {
        const field = `import_configs[${index}]`;
        const uris = config.gcsSource?.uris ?? [];
        if (uris.length === 0)
          throw invalidArgument(`${field}.gcs_source.uris must name JSONL objects.`);
        if (!config.importSchemaUri)
          throw invalidArgument(`${field}.import_schema_uri is required.`);
        dataset.annotationType ??= annotationTypeOf(config.importSchemaUri);
        for (const uri of uris) {
          const text = readLocalObject(bucketRoot, uri, `${field}.gcs_source.uris`);
          text.split('\n').forEach((line, lineIndex) => {
            if (line.trim() === '') return;
            let parsed: Record<string, unknown>;
            try {
              parsed = JSON.parse(line) as Record<string, unknown>;
            } catch {
              throw invalidArgument(
                `${uri} line ${lineIndex + 1} is not JSON (JSONL: one object per line).`,
              );
            }
            const own = (parsed.dataItemResourceLabels ?? {}) as Record<string, unknown>;
            items.push({
              line,
              labels: {
                ...config.dataItemLabels,
                ...Object.fromEntries(Object.entries(own).map(([k, v]) => [k, String(v)])),
              },
            });
          });
        }
      });
      dataset.items.push(...items);
      dataset.updateTimeNs = nowNs();
      store.put(dataset);
      return done(dataset, 'ImportDataOperationMetadata', started, {
        type_url: `type.googleapis.com/${V1}.ImportDataResponse`,
        value: Buffer.alloc(0),
      });
    },
  };
}

/** `…/image_classification_single_label_io_format_1.0.0.yaml` → `image_classification_single_label`. */
export function annotationTypeOf(schemaUri: string): string {
  const base = schemaUri.split('/').pop() ?? '';
  return base.replace(/(_io_format)?_\d+\.\d+\.\d+\.yaml$/, '') || 'unknown';
}

export {ML_USE};
