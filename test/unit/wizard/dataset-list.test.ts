// The dataset picker's rows: an AutoML objective's dataset type first, the others marked with why
// they do not fit; custom training takes any type.
import {describe, expect, it} from 'vitest';
import {
  datasetOptions,
  datasetType,
  datasetTypeNeeded,
} from '../../../source/ui/screens/wizard/dataset-list.js';

const SCHEMA = 'gs://google-cloud-aiplatform/schema/dataset/metadata';
const items = [
  {id: '1', displayName: 'photos', type: datasetType(`${SCHEMA}/image_1.0.0.yaml`)},
  {id: '2', displayName: 'sales', type: datasetType(`${SCHEMA}/tabular_1.0.0.yaml`)},
  {id: '3', displayName: 'demand', type: datasetType(`${SCHEMA}/time_series_1.0.0.yaml`)},
];

describe('dataset picker rows', () => {
  it('names the type each AutoML objective needs', () => {
    expect(datasetTypeNeeded('tabular')).toBe('tabular');
    expect(datasetTypeNeeded('forecasting')).toBe('time series');
    expect(datasetTypeNeeded('image-object-detection')).toBe('image');
    expect(datasetTypeNeeded('video-action-recognition')).toBe('video');
    expect(datasetTypeNeeded(undefined)).toBeUndefined();
  });

  it('lists fitting datasets first and says why the others do not fit', () => {
    const rows = datasetOptions(items, 'tabular');
    expect(rows.map((row) => row.value)).toEqual(['2', '1', '3']);
    expect(rows[0]!.label).toBe('sales · tabular · 2');
    expect(rows[1]!.label).toMatch(/photos · image · 1 \(not tabular: .*needs a tabular dataset\)/);
    expect(datasetOptions(items, 'time series')[0]!.value).toBe('3');
  });

  it('keeps the listed order and plain labels when any type will do', () => {
    const rows = datasetOptions(items, undefined);
    expect(rows.map((row) => row.value)).toEqual(['1', '2', '3']);
    expect(rows.every((row) => !row.label.includes('not '))).toBe(true);
  });
});
