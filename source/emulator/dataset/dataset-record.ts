// The emulator's record of a managed Dataset and its v1 message shape. Tabular datasets keep their
// source (metadata.inputConfig) and read it when a pipeline exports a split; other types keep the
// data items ImportData read from JSONL objects.
import type {ProtoValue} from '../../core/job-spec/index.js';
import {timestamp, type ResourceRecord} from '../rpc/run-record.js';

export const TABULAR_SCHEMA =
  'gs://google-cloud-aiplatform/schema/dataset/metadata/tabular_1.0.0.yaml';

export interface DataItem {
  /** The JSONL line as imported. */
  line: string;
  /** aiplatform.googleapis.com/ml_use and other data item labels. */
  labels: Record<string, string>;
}

/** Datasets have no state; the stores want one (`state`), and a dataset is always ready. */
export interface DatasetRecord extends ResourceRecord {
  metadataSchemaUri: string;
  metadata?: ProtoValue;
  /** For tabular datasets: the gs:// CSV sources (or a bq:// table). */
  source?: {gcs?: string[]; bigquery?: string};
  items: DataItem[];
  /** The annotation type of imported items, from the import schema's name. */
  annotationType?: string;
}

export function datasetToProto(record: DatasetRecord): Record<string, unknown> {
  return {
    name: record.name,
    displayName: record.displayName,
    metadataSchemaUri: record.metadataSchemaUri,
    ...(record.metadata && {metadata: record.metadata}),
    dataItemCount: String(record.items.length),
    labels: record.labels,
    createTime: timestamp(record.createTimeNs),
    updateTime: timestamp(record.updateTimeNs),
    etag: record.updateTimeNs.toString(36),
  };
}
