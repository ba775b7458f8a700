// The Options step: display name, labels, output directory, service account, network and the
// rest of private networking, TensorBoard, encryption key, web and dashboard access, mounts and
// persistent resource (custom training; options-network.ts) and the uploaded model (pipelines: its
// name and, for custom training, its serving container; model-fields.ts).
import {defineStep, optionalText, pairs, type Field} from './field-kit.js';
import {MODEL_CLAIMS, MODEL_FIELDS} from './model-fields.js';
import {NETWORK_FIELDS} from './options-network.js';

const FIELDS: Field[] = [
  {
    id: 'displayName',
    label: 'Display name',
    kind: 'text',
    get: (draft) => draft.displayName,
    set: (draft, text) => ({...draft, displayName: text.trim()}),
  },
  {
    id: 'labels',
    label: 'Labels',
    kind: 'text',
    hint: 'key=value, separated by commas',
    get: (draft) =>
      Object.entries(draft.labels)
        .filter(([key]) => key !== 'vtrain_request_id')
        .map(([key, value]) => `${key}=${value}`)
        .join(', '),
    set: (draft, text) => {
      const parsed = pairs(text);
      return typeof parsed === 'string' ? parsed : {...draft, labels: Object.fromEntries(parsed)};
    },
  },
  optionalText(
    'baseOutputDirectory',
    'Base output directory',
    'gs://bucket/path/ (sets AIP_MODEL_DIR, …)',
  ),
  optionalText('serviceAccount', 'Service account', 'NAME@PROJECT.iam.gserviceaccount.com'),
  optionalText('network', 'Network', 'projects/PROJECT_NUMBER/global/networks/NETWORK'),
  optionalText('tensorboard', 'TensorBoard', 'projects/PROJECT/locations/REGION/tensorboards/ID'),
  {
    ...optionalText(
      'encryptionKeyName',
      'Encryption key (CMEK)',
      'projects/…/keyRings/…/cryptoKeys/…',
    ),
    id: 'encryption',
  },
  {
    id: 'webAccess',
    label: 'Web access',
    hint: 'an interactive shell into the running replicas',
    kind: 'choice',
    when: (draft) => draft.trainingType === 'custom',
    options: () => [
      {value: 'off', label: 'off'},
      {value: 'on', label: 'on'},
    ],
    get: (draft) => (draft.enableWebAccess ? 'on' : 'off'),
    set: (draft, value) => {
      const next = {...draft};
      if (value === 'on') next.enableWebAccess = true;
      else delete next.enableWebAccess;
      return next;
    },
  },
  {
    id: 'dashboardAccess',
    label: 'Dashboard access',
    hint: 'a dashboard served from the primary replica',
    kind: 'choice',
    when: (draft) => draft.trainingType === 'custom',
    options: () => [
      {value: 'off', label: 'off'},
      {value: 'on', label: 'on'},
    ],
    get: (draft) => (draft.enableDashboardAccess ? 'on' : 'off'),
    set: (draft, value) => {
      const next = {...draft};
      if (value === 'on') next.enableDashboardAccess = true;
      else delete next.enableDashboardAccess;
      return next;
    },
  },
  ...NETWORK_FIELDS,
  ...MODEL_FIELDS,
];

export const optionsStep = defineStep({
  id: 'options',
  title: 'Options',
  kind: 'form',
  when: () => true,
  fields: FIELDS,
  claims: [
    {path: /^displayName$/, field: 'displayName'},
    {path: /^labels/, field: 'labels'},
    {path: /^baseOutputDirectory/, field: 'baseOutputDirectory'},
    {path: /^serviceAccount$/, field: 'serviceAccount'},
    {path: /^network$/, field: 'network'},
    {path: /^enableWebAccess$/, field: 'webAccess'},
    {path: /^enableDashboardAccess$/, field: 'dashboardAccess'},
    {path: /^reservedIpRanges/, field: 'reservedIpRanges'},
    {path: /^pscInterfaceConfig/, field: 'pscInterface'},
    {path: /^persistentResourceId$/, field: 'persistentResourceId'},
    {path: /^workerPools\[\d+\]\.nfsMounts/, field: 'nfsMounts'},
    {path: /^workerPools\[\d+\]\.lustreMounts/, field: 'lustreMounts'},
    {path: /^tensorboard$/, field: 'tensorboard'},
    {path: /^encryptionSpec/, field: 'encryption'},
    ...MODEL_CLAIMS,
  ],
  summary: (draft) => draft.displayName,
});
