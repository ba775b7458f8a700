// A training pipeline's inputDataConfig, done as Vertex does before training starts: the managed
// dataset is split (fraction, filter, predefined or timestamp), each part written to
// <gcs_destination>/dataset-<id>-<annotation type>-<timestamp>/{training,validation,test}-00000-of-00001.<csv|jsonl>
// in the local Cloud Storage, and every replica gets AIP_DATA_FORMAT and AIP_{TRAINING,
// VALIDATION,TEST}_DATA_URI (wildcards over those files).
import fs from 'node:fs';
import path from 'node:path';
import {localObjectPath, parseGcsUri, type InputDataConfigLike} from '../../core/job-spec/index.js';
import {failedPrecondition, invalidArgument, notFound} from '../rpc/grpc-errors.js';
import {resourceName} from '../rpc/resource-names.js';
import type {RecordStore} from '../records/record-store.js';
import type {PipelineRecord} from './pipeline-record.js';
import type {DataPreparer} from './pipeline-service.js';
import {seededRandom} from '../study/search.js';
import {writeFileAtomic} from '../contract/private-files.js';
import {csvFields, csvRecords} from './csv-records.js';
import {readLocalObject} from '../dataset/dataset-service.js';
import {TABULAR_SCHEMA, type DatasetRecord} from '../dataset/dataset-record.js';

const FIELD = 'training_pipeline.input_data_config';
const PARTS = ['training', 'validation', 'test'] as const;
type Part = (typeof PARTS)[number];

const PREDEFINED: Record<string, Part> = {
  training: 'training',
  train: 'training',
  validation: 'validation',
  validate: 'validation',
  test: 'test',
};

function byFractions<T>(rows: T[], fractions: [number, number, number]): Record<Part, T[]> {
  const total = fractions[0] + fractions[1] + fractions[2];
  if (!(total > 0 && total <= 1 + 1e-9) || fractions.some((f) => f < 0))
    throw invalidArgument(
      `${FIELD}: the split fractions must be ≥ 0 and add up to at most 1; got ${fractions.join(', ')}.`,
    );
  const training = Math.round(rows.length * fractions[0]);
  const validation = Math.round(rows.length * fractions[1]);
  const test = Math.min(
    rows.length - training - validation,
    Math.round(rows.length * fractions[2]),
  );
  return {
    training: rows.slice(0, training),
    validation: rows.slice(training, training + validation),
    test: rows.slice(training + validation, training + validation + Math.max(0, test)),
  };
}

function shuffled<T>(rows: T[], seed: string): T[] {
  const random = seededRandom(seed);
  const copy = [...rows];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

interface Rows<T> {
  rows: T[];
  /** The value of a named column (tabular) or label (items) of a row. */
  column(row: T, name: string): string | undefined;
}

function split<T>(config: InputDataConfigLike, data: Rows<T>, seed: string): Record<Part, T[]> {
  if (config.predefinedSplit) {
    const key = config.predefinedSplit.key;
    const parts: Record<Part, T[]> = {training: [], validation: [], test: []};
    for (const row of data.rows) {
      const value = data.column(row, key);
      if (value === undefined)
        throw invalidArgument(`${FIELD}.predefined_split.key: there is no column "${key}".`);
      const part = PREDEFINED[value.trim().toLowerCase()];
      if (!part)
        throw invalidArgument(
          `${FIELD}.predefined_split: column "${key}" holds "${value}"; each row must say training, validation or test.`,
        );
      parts[part].push(row);
    }
    return parts;
  }
  if (config.timestampSplit) {
    const {key, trainingFraction, validationFraction, testFraction} = config.timestampSplit;
    const ordered = [...data.rows].sort((a, b) => {
      const x = data.column(a, key) ?? '';
      const y = data.column(b, key) ?? '';
      return x < y ? -1 : x > y ? 1 : 0;
    });
    if (data.rows.length > 0 && data.column(data.rows[0] as T, key) === undefined)
      throw invalidArgument(`${FIELD}.timestamp_split.key: there is no column "${key}".`);
    return byFractions(ordered, [trainingFraction, validationFraction, testFraction]);
  }
  if (config.filterSplit) {
    const pick = (filter: string, which: string) => {
      if (filter.trim() === '-') return [];
      const match = /^labels\.("?)([^"=]+)\1\s*=\s*"?([^"]*)"?$/.exec(filter.trim());
      if (!match)
        throw invalidArgument(
          `${FIELD}.filter_split.${which}_filter "${filter}": the local emulator understands labels.KEY=VALUE (e.g. labels.aiplatform.googleapis.com/ml_use=training) or "-".`,
        );
      return data.rows.filter((row) => data.column(row, match[2] as string) === match[3]);
    };
    const {trainingFilter, validationFilter, testFilter} = config.filterSplit;
    return {
      training: pick(trainingFilter, 'training'),
      validation: pick(validationFilter, 'validation'),
      test: pick(testFilter, 'test'),
    };
  }
  const fractions = config.fractionSplit ?? {
    trainingFraction: 0.8,
    validationFraction: 0.1,
    testFraction: 0.1,
  };
  return byFractions(shuffled(data.rows, seed), [
    fractions.trainingFraction ?? 0,
    fractions.validationFraction ?? 0,
    fractions.testFraction ?? 0,
  ]);
}

export function splitExporter(
  datasets: RecordStore<DatasetRecord>,
  bucketRoot: string,
): DataPreparer {
  return async (config, pipeline: PipelineRecord) => {
    const dataset = datasets.get(String(config.datasetId ?? ''));
    if (!dataset || dataset.project !== pipeline.project || dataset.location !== pipeline.location)
      throw notFound(
        `${FIELD}.dataset_id: the Dataset ${resourceName(pipeline, 'datasets', String(config.datasetId))} does not exist.`,
      );
    if (config.bigqueryDestination)
      throw failedPrecondition(
        `${FIELD}.bigquery_destination: the local emulator has no BigQuery; use gcs_destination.`,
      );
    const prefix = config.gcsDestination?.outputUriPrefix;
    if (!prefix)
      throw invalidArgument(
        `${FIELD}.gcs_destination.output_uri_prefix is required (a gs:// folder).`,
      );
    let bucketDir: string;
    try {
      bucketDir = path.join(bucketRoot, parseGcsUri(prefix.replace(/\/?$/, '/')).bucket);
    } catch {
      throw invalidArgument(
        `${FIELD}.gcs_destination.output_uri_prefix "${prefix}" is not a gs://BUCKET/ folder.`,
      );
    }
    if (!fs.existsSync(bucketDir))
      throw invalidArgument(
        `${FIELD}.gcs_destination: the bucket of ${prefix} does not exist in the local Cloud Storage; create it first.`,
      );
    const tabular = dataset.metadataSchemaUri === TABULAR_SCHEMA;
    const annotation = tabular ? 'tables' : (dataset.annotationType ?? 'unknown');
    const stamp = new Date(Number(pipeline.createTimeNs / 1_000_000n)).toISOString();
    const folder = `${prefix.replace(/\/?$/, '/')}dataset-${dataset.id}-${annotation}-${stamp}/`;
    const format = tabular ? 'csv' : 'jsonl';
    const seed = `${dataset.id}/${pipeline.id}`;
    let files: Record<Part, string>;
    if (tabular) {
      if (!dataset.source?.gcs)
        throw failedPrecondition(
          `${FIELD}: the dataset's source is BigQuery (${dataset.source?.bigquery ?? 'none'}), which the local emulator cannot read; use a CSV source in Cloud Storage.`,
        );
      let header: string | undefined;
      const rows: string[] = [];
      for (const uri of dataset.source.gcs) {
        const [first, ...rest] = csvRecords(
          readLocalObject(bucketRoot, uri, `${FIELD}.dataset_id`),
        );
        if (first === undefined) continue;
        header ??= first;
        if (first !== header)
          throw failedPrecondition(
            `${uri} has a different header than the dataset's first CSV file.`,
          );
        rows.push(...rest);
      }
      const columns = csvFields(header ?? '');
      const parts = split(
        config,
        {
          rows,
          column: (row, name) => {
            const index = columns.indexOf(name);
            return index < 0 ? undefined : (csvFields(row)[index] ?? '');
          },
        },
        seed,
      );
      files = Object.fromEntries(
        PARTS.map((part) => [part, [header ?? '', ...parts[part]].join('\n') + '\n']),
      ) as Record<Part, string>;
    } else {
      const parts = split(
        config,
        {rows: dataset.items, column: (item, name) => item.labels[name]},
        seed,
      );
      files = Object.fromEntries(
        PARTS.map((part) => [part, parts[part].map((item) => `${item.line}\n`).join('')]),
      ) as Record<Part, string>;
    }
    for (const part of PARTS) {
      const file = localObjectPath(bucketRoot, `${folder}${part}-00000-of-00001.${format}`);
      fs.mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
      writeFileAtomic(file, files[part]);
    }
    return {
      AIP_DATA_FORMAT: format,
      AIP_TRAINING_DATA_URI: `${folder}training-*.${format}`,
      AIP_VALIDATION_DATA_URI: `${folder}validation-*.${format}`,
      AIP_TEST_DATA_URI: `${folder}test-*.${format}`,
    };
  };
}
