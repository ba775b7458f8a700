// The persistent resource a custom job runs on (CustomJobSpec.persistent_resource_id): a choice of
// the resources of the job's region once the Options step has listed them (resource-list.ts:
// those the job fits first, the others shown with why they are not offered), "none" by default,
// and "another" to type an id; while the list loads, when it fails or is empty, the id is typed
// and the line under the field says why.
import type {JobDraft} from '../../../../core/job-spec/index.js';
import {
  isTypedResource,
  listedResources,
  resourceNote,
  resourceOptions,
  TYPED,
} from '../resource-list.js';
import {isCustom, type Field, type FieldContext} from './field-kit.js';

const pickable = (draft: JobDraft, ctx: FieldContext) =>
  isCustom(draft) && listedResources(ctx.persistentResources).length > 0;

const typed = (draft: JobDraft, ctx: FieldContext) =>
  pickable(draft, ctx) && isTypedResource(draft, ctx.persistentResources);

function setId(draft: JobDraft, id: string | undefined): JobDraft {
  const next = {...draft};
  if (id === undefined) delete next.persistentResourceId;
  else next.persistentResourceId = id;
  return next;
}

const ID = 'persistentResourceId';
/** validate-compute.ts: the id's format. */
const FORMAT_RULE = 'persistent-resource-id';

export const RESOURCE_FIELDS: Field[] = [
  {
    id: ID,
    label: 'Persistent resource',
    kind: 'choice',
    hint: 'enter lists the resources of the region; those this job does not fit say why',
    when: pickable,
    // The id's format shows under the typed id (a listed id always has the format).
    owns: (problem) => problem.field === ID && problem.rule !== FORMAT_RULE,
    note: (draft, ctx) => resourceNote(draft, ctx.persistentResources),
    options: (draft, ctx) => resourceOptions(draft, ctx.persistentResources),
    get: (draft, ctx) =>
      isTypedResource(draft, ctx.persistentResources) ? TYPED : (draft.persistentResourceId ?? ''),
    set: (draft, value, ctx) => {
      if (value === '') return setId(draft, undefined);
      if (value !== TYPED) return setId(draft, value);
      // Keep an id already typed; else an empty one, which the id field below asks for.
      return isTypedResource(draft, ctx.persistentResources) ? draft : setId(draft, '');
    },
  },
  {
    id: 'persistentResourceTyped',
    label: 'Resource id',
    kind: 'text',
    hint: 'the id of a RUNNING persistent resource in the job’s project and region',
    when: typed,
    owns: (problem) => problem.field === ID && problem.rule === FORMAT_RULE,
    get: (draft) => draft.persistentResourceId ?? '',
    set: (draft, text) => setId(draft, text.trim() || undefined),
  },
  {
    // No list to choose from (loading, failed, none): the id is typed; the note says why.
    id: ID,
    label: 'Persistent resource',
    kind: 'text',
    hint: 'the id of a RUNNING persistent resource in the job’s project and region (empty: none)',
    when: (draft, ctx) => isCustom(draft) && !pickable(draft, ctx),
    note: (draft, ctx) => resourceNote(draft, ctx.persistentResources),
    get: (draft) => draft.persistentResourceId ?? '',
    set: (draft, text) => setId(draft, text.trim() || undefined),
  },
];
