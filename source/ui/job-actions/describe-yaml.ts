// A job's resource as YAML for the describe view. Its own module so the `yaml` library (~114 KB)
// loads when a describe is asked for, not with the job list's first frame (issue #22).
import {stringify} from 'yaml';
import type {ResourceMessage} from '../../services/vertex/api.js';
import {toRestShape} from '../../services/vertex/rest-shape.js';

export function describeYaml(resource: ResourceMessage): string {
  return stringify(toRestShape(resource), {lineWidth: 0});
}
