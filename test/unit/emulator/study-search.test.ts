import {describe, expect, it} from 'vitest';
import {finalMeasurement, parseMetricLines} from '../../../source/emulator/study/metrics-file.js';
import {
  enumerateGrid,
  scaled,
  seededRandom,
  StudySearch,
  trialArgs,
} from '../../../source/emulator/study/search.js';
import {parseFilter} from '../../../source/emulator/rpc/filter.js';

describe('study search', () => {
  it('enumerates a grid with the first parameter slowest, expanding conditional children', () => {
    const grid = enumerateGrid([
      {parameterId: 'a', integerValueSpec: {minValue: '1', maxValue: '2'}},
      {
        parameterId: 'opt',
        categoricalValueSpec: {values: ['sgd', 'adam']},
        conditionalParameterSpecs: [
          {
            parentCategoricalValues: {values: ['sgd']},
            parameterSpec: {parameterId: 'm', discreteValueSpec: {values: [0.5, 0.9]}},
          },
        ],
      },
    ])!;
    expect(grid.map((point) => trialArgs(point).join(' '))).toEqual([
      '--a=1 --opt=sgd --m=0.5',
      '--a=1 --opt=sgd --m=0.9',
      '--a=1 --opt=adam',
      '--a=2 --opt=sgd --m=0.5',
      '--a=2 --opt=sgd --m=0.9',
      '--a=2 --opt=adam',
    ]);
  });

  it('refuses grids above the cap', () => {
    expect(
      enumerateGrid([
        {parameterId: 'a', integerValueSpec: {minValue: 1, maxValue: 1000}},
        {parameterId: 'b', integerValueSpec: {minValue: 1, maxValue: 1000}},
      ]),
    ).toBeUndefined();
  });

  it('samples by scale type: log crowds the low end, reverse log the high end, linear neither', () => {
    const random = seededRandom('x');
    const draws = (scale?: string) =>
      Array.from({length: 4000}, () => scaled(1, 1000, random(), scale));
    const belowMiddle = (values: number[]) =>
      values.filter((v) => v < 500.5).length / values.length;
    expect(belowMiddle(draws())).toBeGreaterThan(0.45);
    expect(belowMiddle(draws())).toBeLessThan(0.55);
    // log: P(v < 500.5) = log(500.5)/log(1000) ≈ 0.90; reverse log mirrors it (≈ 0.10).
    expect(belowMiddle(draws('UNIT_LOG_SCALE'))).toBeGreaterThan(0.85);
    expect(belowMiddle(draws('UNIT_REVERSE_LOG_SCALE'))).toBeLessThan(0.15);
    for (const value of [...draws('UNIT_LOG_SCALE'), ...draws('UNIT_REVERSE_LOG_SCALE')]) {
      expect(value).toBeGreaterThanOrEqual(1);
      expect(value).toBeLessThanOrEqual(1000);
    }
  });

  it('random search is reproducible per seed and avoids repeats in a finite space', () => {
    const study = {
      metrics: [{metricId: 'm', goal: 'MAXIMIZE'}],
      algorithm: 'RANDOM_SEARCH',
      parameters: [{parameterId: 'k', integerValueSpec: {minValue: 1, maxValue: 4}}],
    };
    const run = (seed: string) => {
      const search = new StudySearch(study, seed);
      return Array.from({length: 4}, () => trialArgs(search.suggest()!)[0]);
    };
    expect(run('42')).toEqual(run('42'));
    expect(new Set(run('42')).size).toBe(4);
    const integers = new StudySearch(study, '7');
    for (let i = 0; i < 50; i++) {
      const value = Number(trialArgs(integers.suggest()!)[0]!.split('=')[1]);
      expect(Number.isInteger(value) && value >= 1 && value <= 4).toBe(true);
    }
  });
});

describe('cloudml-hypertune metric files', () => {
  const text = [
    '{"timestamp": 100.5, "trial": "1", "acc": "0.5", "global_step": "1"}',
    '{"timestamp": 101.0, "trial": "1", "acc": "0.9", "global_step": "2"}',
    'not json',
    '{"timestamp": 102.0, "trial": "1", "acc": "0.7", "loss": "3", "global_step": "3"}',
    '{"timestamp": 103.0, "trial": "1", "other": "1"}',
  ].join('\n');

  it('reads one measurement per line with a study metric, noting other tags', () => {
    const {measurements, otherTags} = parseMetricLines(text, ['acc'], 100);
    expect(measurements.map((m) => [m.stepCount, m.metrics[0]!.value])).toEqual([
      [1, 0.5],
      [2, 0.9],
      [3, 0.7],
    ]);
    expect(measurements[1]!.elapsedSeconds).toBeCloseTo(1);
    expect(otherTags.sort()).toEqual(['loss', 'other']);
  });

  it('picks LAST_MEASUREMENT by default and BEST_MEASUREMENT by the goal', () => {
    const {measurements} = parseMetricLines(text, ['acc'], 100);
    const max = {metricId: 'acc', goal: 'MAXIMIZE'};
    expect(finalMeasurement(measurements, undefined, max)?.stepCount).toBe(3);
    expect(finalMeasurement(measurements, 'BEST_MEASUREMENT', max)?.stepCount).toBe(2);
    expect(
      finalMeasurement(measurements, 'BEST_MEASUREMENT', {metricId: 'acc', goal: 'MINIMIZE'})
        ?.stepCount,
    ).toBe(1);
    expect(finalMeasurement([], undefined, max)).toBeUndefined();
  });
});

describe('log filter quoted label keys', () => {
  it('reads labels."ml.googleapis.com/trial_id" as one field', () => {
    expect(parseFilter('labels."ml.googleapis.com/trial_id"="3"')).toMatchObject({
      kind: 'compare',
      field: 'labels.ml.googleapis.com/trial_id',
      value: '3',
    });
  });
});
