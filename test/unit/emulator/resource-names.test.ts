// The emulator's resource names (rpc/resource-names.ts): built and parsed the way Vertex AI and
// Cloud Logging spell them, with Vertex's INVALID_ARGUMENT wording for malformed ones.
import {status} from '@grpc/grpc-js';
import {describe, expect, it} from 'vitest';
import {
  isLogOf,
  isLogResourceName,
  logName,
  parentInText,
  parentName,
  parseParent,
  parseResourceName,
  resourceId,
  resourceName,
} from '../../../source/emulator/rpc/resource-names.js';

const WHERE = {project: 'p1', location: 'us-central1'};

describe('resource names', () => {
  it('builds parents, resources and logs', () => {
    expect(parentName(WHERE)).toBe('projects/p1/locations/us-central1');
    expect(resourceName(WHERE, 'customJobs', '42')).toBe(
      'projects/p1/locations/us-central1/customJobs/42',
    );
    expect(logName('p1', 'service')).toBe('projects/p1/logs/service');
    expect(logName('p1', 'workerpool0/0')).toBe('projects/p1/logs/workerpool0%2F0');
  });

  it('parses a parent, refusing anything else with INVALID_ARGUMENT', () => {
    expect(parseParent('projects/p1/locations/us-central1')).toEqual(WHERE);
    for (const bad of [undefined, '', 'projects/p1', 'projects/p1/locations/l/customJobs/1']) {
      expect(() => parseParent(bad)).toThrow(
        expect.objectContaining({
          code: status.INVALID_ARGUMENT,
          message: `parent must look like projects/*/locations/*; got "${bad ?? ''}".`,
        }),
      );
    }
  });

  it('parses a resource name of one collection', () => {
    expect(parseResourceName('projects/p1/locations/us-central1/datasets/7', 'datasets')).toEqual({
      ...WHERE,
      id: '7',
    });
    expect(() =>
      parseResourceName('projects/p1/locations/us-central1/customJobs/7', 'datasets'),
    ).toThrow('name must look like projects/*/locations/*/datasets/*; got "projects/p1');
    expect(() => parseResourceName(undefined, 'customJobs')).toThrow('got "undefined".');
    expect(() => parseResourceName('projects/p/locations/l/customJobs/7/x', 'customJobs')).toThrow(
      /must look like/,
    );
  });

  it('holds ids to a pattern when given one (operation ids are decimal)', () => {
    expect(parseResourceName('projects/p/locations/l/operations/12', 'operations', '\\d+').id).toBe(
      '12',
    );
    expect(() =>
      parseResourceName('projects/p/locations/l/operations/x1', 'operations', '\\d+'),
    ).toThrow(/operations\/\*/);
  });

  it('takes the id from a name, and a parent from damaged text', () => {
    expect(resourceId('projects/p/locations/l/models/m9')).toBe('m9');
    expect(resourceId(undefined)).toBe('');
    expect(
      parentInText('{"name":"projects/p1/locations/us-central1/customJobs/4","st', 'customJobs'),
    ).toEqual(WHERE);
    expect(parentInText('{"na', 'customJobs')).toBeUndefined();
  });

  it("checks Cloud Logging's resource names and which logs belong to one", () => {
    expect(isLogResourceName('projects/p1')).toBe(true);
    expect(isLogResourceName('organizations/1/logs/x')).toBe(true);
    expect(isLogResourceName('p1')).toBe(false);
    expect(isLogResourceName('projects/')).toBe(false);
    expect(isLogOf('projects/p1/logs/service', 'projects/p1')).toBe(true);
    expect(isLogOf('projects/p10/logs/service', 'projects/p1')).toBe(false);
  });
});
