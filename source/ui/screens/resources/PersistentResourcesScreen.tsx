// The project's persistent resources in the region (persistent_resource_service.proto): each with
// its state and, per resource pool, machines used by jobs / machines held; describe as YAML,
// create from a short form or a YAML/JSON file, delete after a confirmation that names it.
// Vertex's create and delete run for minutes: the list shows PROVISIONING/STOPPING meanwhile.
import {Box, Text} from 'ink';
import React, {useCallback, useEffect, useState} from 'react';
import {safeText} from '../../../core/text/safe-text.js';
import {
  persistentResourceFieldProblem,
  persistentResourceFromFile,
  persistentResourceFromForm,
  poolsText,
  summarisePersistentResource,
  type Built,
  type PersistentResourceField,
  type PersistentResourceSummary,
} from '../../../services/vertex/persistent-resource-spec.js';
import type {ResourceMessage} from '../../../services/vertex/api.js';
import {describeYaml} from '../../job-actions/describe-yaml.js';
import {useConfirm, usePrompt, useTextView} from '../../shell/dialogs.js';
import {useCommands, useKeyRouter} from '../../shell/keys/key-dispatcher.js';
import {isListMove, moveCursor, windowStart} from '../../shell/list-cursor.js';
import {useNavigator} from '../../shell/navigator.js';
import {useScreenSize} from '../../shell/screen-context.js';
import {useAppContext} from '../../shell/session-context.js';
import {theme} from '../../shell/theme.js';

const stateColor = (state: string) =>
  state === 'RUNNING'
    ? theme.status.success
    : state === 'ERROR'
      ? theme.status.error
      : theme.status.warning;

export function PersistentResourcesScreen(): React.JSX.Element {
  const app = useAppContext();
  const navigator = useNavigator();
  const router = useKeyRouter();
  const prompt = usePrompt();
  const confirm = useConfirm();
  const showText = useTextView();
  const {columns, rows} = useScreenSize();
  const [items, setItems] = useState<ResourceMessage[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [index, setIndex] = useState(0);
  const api = app.status.kind === 'ready' ? app.status.session.api : undefined;

  const refresh = useCallback(() => {
    if (!api) return;
    api.persistentResources.listPersistentResources(app.parent).then(
      (list) => {
        setItems(list);
        setError(undefined);
      },
      (failure: Error) => setError(failure.message),
    );
  }, [api, app.parent]);
  useEffect(() => refresh(), [refresh]);

  const shown: PersistentResourceSummary[] = (items ?? []).map(summarisePersistentResource);
  const selectedIndex = Math.min(index, Math.max(shown.length - 1, 0));
  const selected = shown[selectedIndex];
  const selectedMessage = items?.[selectedIndex];

  const create = async (built: Built | undefined) => {
    if (!built || !api) return;
    if (!built.ok) {
      router.say(`not created: ${safeText(built.error)}`);
      return;
    }
    try {
      await api.persistentResources.createPersistentResource(app.parent, built.id, built.resource);
      router.say(`creating persistent resource ${built.id}`);
      refresh();
    } catch (failure) {
      router.say(`create failed: ${safeText((failure as Error).message)}`);
    }
  };

  const ask = (label: string, placeholder: string, initial = '') =>
    prompt({label, placeholder, initial});

  /** One field of the form, asked again with what was typed and why until it is valid. */
  const askField = async (
    field: PersistentResourceField,
    label: string,
    placeholder: string,
    initial = '',
  ): Promise<string | undefined> => {
    let answer = initial;
    let error: string | undefined;
    for (;;) {
      const value = await prompt({label, placeholder, initial: answer, ...(error && {error})});
      if (value === undefined) return undefined;
      error = persistentResourceFieldProblem(field, value);
      if (!error) return value.trim();
      answer = value;
    }
  };

  const fromForm = async (): Promise<Built | undefined> => {
    const id = await askField('id', 'Persistent resource id:', 'warm-pool');
    if (id === undefined) return undefined;
    const machineType = await askField(
      'machineType',
      'Machine type:',
      'n1-standard-4',
      'n1-standard-4',
    );
    if (machineType === undefined) return undefined;
    const acceleratorType = await askField(
      'acceleratorType',
      'Accelerator (empty for none):',
      'none, or e.g. NVIDIA_TESLA_T4',
    );
    if (acceleratorType === undefined) return undefined;
    const acceleratorCount = acceleratorType
      ? await askField('acceleratorCount', 'Accelerators per machine:', '1', '1')
      : '';
    if (acceleratorCount === undefined) return undefined;
    const replicaCount = await askField('replicaCount', 'Machines (replica count):', '1', '1');
    if (replicaCount === undefined) return undefined;
    return persistentResourceFromForm({
      id,
      machineType,
      replicaCount,
      acceleratorType,
      acceleratorCount,
    });
  };

  const fromFile = async (): Promise<Built | undefined> => {
    const file = await ask('File (YAML or JSON PersistentResource):', 'pool.yaml');
    if (file === undefined) return undefined;
    const id = await askField('id', 'Persistent resource id:', 'warm-pool');
    if (id === undefined) return undefined;
    return persistentResourceFromFile(file.trim(), id);
  };

  const remove = async (summary: PersistentResourceSummary) => {
    if (!api) return;
    const busy = summary.pools.reduce((sum, pool) => sum + pool.used, 0);
    const yes = await confirm({
      title: `Delete persistent resource "${summary.id}"?`,
      message: `${summary.name} and its machines go away${busy ? `; ${busy} machine(s) are running jobs, which stop` : ''}. This cannot be undone.`,
      confirmLabel: `delete ${summary.id}`,
      dangerous: true,
    });
    if (!yes) {
      router.say('not deleted');
      return;
    }
    try {
      await api.persistentResources.deletePersistentResource(summary.name);
      router.say(`deleting persistent resource ${summary.id}`);
      refresh();
    } catch (failure) {
      router.say(`delete failed: ${safeText((failure as Error).message)}`);
    }
  };

  const tableRows = Math.max(rows - 4, 1);
  // The rows in view keep the selection among them (they used to be the first ones only).
  const firstRow = windowStart(shown.length, selectedIndex, tableRows);
  useCommands(
    (command) => {
      if (isListMove(command)) {
        setIndex(
          moveCursor(selectedIndex, command, {
            count: shown.length,
            page: Math.max(tableRows - 1, 1),
          }),
        );
        return;
      }
      switch (command) {
        case 'nav.back':
          return navigator.pop();
        case 'resources.refresh':
          router.say('refreshing…');
          return refresh();
        case 'resources.describe':
          if (selected && selectedMessage)
            showText({
              title: `Persistent resource ${selected.id} (${selected.name})`,
              text: describeYaml(selectedMessage),
            });
          return;
        case 'resources.create':
          void fromForm().then(create);
          return;
        case 'resources.createFromFile':
          void fromFile().then(create);
          return;
        case 'resources.delete':
          if (selected) void remove(selected);
          return;
      }
    },
    {
      hints: [
        'resources.describe',
        'resources.create',
        'resources.createFromFile',
        'resources.delete',
        'resources.refresh',
        'nav.back',
      ],
      disabled: {
        ...(!selected && {
          'resources.describe': 'no persistent resource selected',
          'resources.delete': 'no persistent resource selected',
        }),
        ...(!api && {
          'resources.create': 'the backend is still starting',
          'resources.createFromFile': 'the backend is still starting',
          'resources.refresh': 'the backend is still starting',
        }),
      },
    },
  );

  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Text wrap="truncate-end">
        <Text bold color={theme.text.heading}>
          Persistent resources
        </Text>
        <Text color={theme.text.muted}>
          {'  '}
          {app.parent} · {items ? `${shown.length} shown` : 'loading…'}
        </Text>
      </Text>
      {error ? (
        <Text color={theme.status.error} wrap="truncate-end">
          ✖ {safeText(error)}
        </Text>
      ) : (
        <Text> </Text>
      )}
      {items && shown.length === 0 ? (
        <Text color={theme.text.muted}>
          No persistent resources in {app.parent}: press n to create one, F to create one from a
          file.
        </Text>
      ) : null}
      {shown.slice(firstRow, firstRow + tableRows).map((summary, offset) => (
        <Text key={summary.name} inverse={firstRow + offset === selectedIndex} wrap="truncate-end">
          <Text color={theme.selection.marker}>
            {firstRow + offset === selectedIndex ? '❯ ' : '  '}
          </Text>
          {safeText(summary.id)} <Text color={stateColor(summary.state)}>{summary.state}</Text>{' '}
          {safeText(poolsText(summary))}
          {summary.displayName && summary.displayName !== summary.id ? (
            <Text color={theme.text.muted}> {safeText(summary.displayName)}</Text>
          ) : null}
        </Text>
      ))}
    </Box>
  );
}
