// The home screen: every custom job, tuning job and training pipeline of the project and region,
// newest first, loaded a page at a time. Enter opens a job; d, l, x, c, y, o act on it; / and f
// filter locally and on the server; t, s and S choose type and order; it refreshes on its own.
import {Box, Text} from 'ink';
import React, {useEffect, useMemo, useState} from 'react';
import {useCommands, useKeyRouter} from '../../shell/keys/key-dispatcher.js';
import {useAppContext} from '../../shell/session-context.js';
import {usePrompt} from '../../shell/dialogs.js';
import {useNavigator} from '../../shell/navigator.js';
import {useScreenActive, useScreenSize} from '../../shell/screen-context.js';
import {jobStateColor, theme} from '../../shell/theme.js';
import {useClock} from '../../shell/use-clock.js';
import {formatDuration} from '../../../core/text/format-duration.js';
import {safeText} from '../../../core/text/safe-text.js';
import {JOB_KINDS, type JobKind} from '../../../services/vertex/api.js';
import {
  hasMore,
  keepSelection,
  SORT_COLUMNS,
  visibleRows,
  type ListView,
} from '../../../services/jobs/job-list-model.js';
import {KIND_LABELS} from '../../../services/jobs/job-summary.js';
import {rowCells, tableLayout, fit} from '../../../services/jobs/job-table-layout.js';
import {cancelUnavailable, useJobActions} from '../../job-actions/use-job-actions.js';
import {useJobList} from './use-job-list.js';
import {expandFilterShorthand} from '../../../services/jobs/server-filter.js';

const TYPE_CHOICES: ReadonlyArray<readonly JobKind[]> = [
  JOB_KINDS,
  ['custom'],
  ['hptuning'],
  ['pipeline'],
];
const LOAD_AHEAD = 20;

export function JobListScreen() {
  const app = useAppContext();
  const active = useScreenActive();
  const {columns, rows} = useScreenSize();
  const navigator = useNavigator();
  const router = useKeyRouter();
  const prompt = usePrompt();
  const now = useClock();
  const [typeChoice, setTypeChoice] = useState(0);
  const [serverFilter, setServerFilter] = useState('');
  const [view, setView] = useState<Omit<ListView, 'kinds'>>({
    sort: 'created',
    descending: true,
    text: '',
  });
  const [selectedName, setSelectedName] = useState<string | undefined>();
  const [selectedIndex, setSelectedIndex] = useState(0);
  const [top, setTop] = useState(0);
  const kinds = TYPE_CHOICES[typeChoice]!;
  const jobs = app.status.kind === 'ready' ? app.status.session.api.jobs : undefined;
  const list = useJobList(jobs, app.parent, kinds, serverFilter, active);
  const actions = useJobActions(list.refresh);
  const shown = useMemo(
    () => visibleRows(list.pages, {...view, kinds}, now),
    [list.pages, view, kinds, now],
  );
  const index = keepSelection(shown, selectedName, selectedIndex);
  const selected = shown[index];
  const tableRows = Math.max(3, rows - 4);
  // Keep the selection in the window without moving the window more than needed.
  const windowTop = index < top ? index : index >= top + tableRows ? index - tableRows + 1 : top;
  if (windowTop !== top) setTop(windowTop);
  const more = hasMore(list.pages, kinds);
  const wantsMore = more && shown.length - index < LOAD_AHEAD && !list.loading;
  useEffect(() => {
    if (wantsMore) list.loadMore();
  }, [wantsMore, list]);

  const select = (next: number) => {
    const bounded = Math.max(0, Math.min(next, shown.length - 1));
    setSelectedIndex(bounded);
    setSelectedName(shown[bounded]?.name);
  };

  const cancelWhy = cancelUnavailable(selected);
  const noJob = selected ? undefined : 'no job selected';
  useCommands(
    (command) => {
      switch (command) {
        case 'nav.up':
          return select(index - 1);
        case 'nav.down':
          return select(index + 1);
        case 'nav.pageUp':
          return select(index - tableRows + 1);
        case 'nav.pageDown':
          return select(index + tableRows - 1);
        case 'nav.top':
          return select(0);
        case 'nav.bottom':
          return select(shown.length - 1);
        case 'nav.back':
          return navigator.pop();
        case 'jobs.open':
        case 'jobs.logs':
          if (selected)
            navigator.push('dashboard', {
              kind: selected.kind,
              resource: selected.resource,
              ...(command === 'jobs.logs' && {logsFirst: true}),
            });
          return;
        case 'jobs.describe':
          if (selected) actions.describe(selected);
          return;
        case 'jobs.cancel':
          if (selected) void actions.cancel(selected);
          return;
        case 'jobs.clone':
          if (selected) actions.clone(selected);
          return;
        case 'jobs.new':
          return navigator.push('wizard', {
            draft: app.newJobDraft,
            ...(app.newJobOrigin && {prefill: app.newJobOrigin}),
          });
        case 'jobs.copyName':
          if (selected) actions.copyName(selected);
          return;
        case 'jobs.consoleUrl':
          if (selected) actions.showConsoleUrl(selected);
          return;
        case 'jobs.refresh':
          router.say('refreshing…');
          return list.refresh();
        case 'jobs.type':
          return setTypeChoice((choice) => (choice + 1) % TYPE_CHOICES.length);
        case 'jobs.sort': {
          const next = SORT_COLUMNS[(SORT_COLUMNS.indexOf(view.sort) + 1) % SORT_COLUMNS.length]!;
          return setView({
            ...view,
            sort: next,
            descending: next === 'created' || next === 'duration',
          });
        }
        case 'jobs.sortReverse':
          return setView({...view, descending: !view.descending});
        case 'jobs.filter':
          void prompt({
            label: 'Filter loaded jobs:',
            initial: view.text,
            placeholder: 'text in name, id, state, labels…',
          }).then((text) => text !== undefined && setView((current) => ({...current, text})));
          return;
        case 'jobs.serverFilter':
          void prompt({
            label: 'Server filter:',
            initial: serverFilter,
            placeholder:
              'failed | state="JOB_STATE_RUNNING" | display_name="x" | labels.team="a" | create_time>"2026-11-01T00:00:00Z"',
          }).then((text) => text !== undefined && setServerFilter(expandFilterShorthand(text)));
          return;
      }
    },
    {
      hints: [
        'jobs.open',
        'jobs.describe',
        'jobs.cancel',
        'jobs.clone',
        'jobs.new',
        'jobs.filter',
        'jobs.sort',
        'jobs.type',
      ],
      disabled: {
        ...(noJob && {
          'jobs.open': noJob,
          'jobs.logs': noJob,
          'jobs.describe': noJob,
          'jobs.clone': noJob,
          'jobs.copyName': noJob,
          'jobs.consoleUrl': noJob,
        }),
        ...(cancelWhy && {'jobs.cancel': cancelWhy}),
        ...(!jobs && {'jobs.refresh': 'the backend is still starting'}),
      },
    },
  );

  // Two columns for the selection marker.
  const layout = tableLayout(columns - 2);
  const header = [
    layout.name,
    layout.id,
    layout.type,
    layout.state,
    layout.created,
    layout.duration,
    layout.detail,
  ]
    .map((column) => fit(column.title, column.width))
    .join(' ');
  const loaded = kinds.reduce((sum, kind) => sum + (list.pages[kind]?.items.length ?? 0), 0);
  const unsupported = kinds
    .filter((kind) => list.pages[kind]?.error)
    .map((kind) => `${KIND_LABELS[kind]}s: ${list.pages[kind]!.error}`);
  const facts = [
    `${shown.length} shown${more ? ` of ${loaded}+ loaded` : ''}`,
    kinds.length === JOB_KINDS.length ? 'all types' : `${KIND_LABELS[kinds[0]!]}s only`,
    `sort ${view.sort} ${view.descending ? '↓' : '↑'}`,
    ...(view.text ? [`/${safeText(view.text)}`] : []),
    ...(serverFilter ? [`server: ${safeText(serverFilter)}`] : []),
    list.loading
      ? 'loading…'
      : list.refreshedAt
        ? `refreshed ${formatDuration(now - list.refreshedAt)} ago`
        : '',
  ].filter(Boolean);

  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Text wrap="truncate-end">
        <Text bold color={theme.text.heading}>
          Jobs
        </Text>
        <Text color={theme.text.muted}>
          {'  '}
          {app.parent} · {facts.join(' · ')}
        </Text>
      </Text>
      {list.error || unsupported.length ? (
        <Text color={list.error ? theme.status.error : theme.text.muted} wrap="truncate-end">
          {list.error ? `✖ ${safeText(list.error)}` : unsupported.join(' · ')}
        </Text>
      ) : (
        <Text> </Text>
      )}
      <Text color={theme.text.muted}>
        {'  '}
        {header}
      </Text>
      {shown.length === 0 ? (
        <Text color={theme.text.muted}>
          {app.status.kind !== 'ready' || (list.loading && loaded === 0)
            ? 'Loading jobs…'
            : view.text || serverFilter
              ? 'No job matches the filters (/ and f change them).'
              : 'No jobs yet here. Press n to configure one (the example distributed job is ready to run).'}
        </Text>
      ) : null}
      {shown.slice(top, top + tableRows).map((job, offset) => {
        const cells = rowCells(job, layout, now);
        const isSelected = top + offset === index;
        return (
          <Text key={job.name} inverse={isSelected} wrap="truncate-end">
            <Text color={theme.selection.marker}>{isSelected ? '❯ ' : '  '}</Text>
            {cells.name} <Text color={theme.text.muted}>{cells.id}</Text> {cells.type}{' '}
            <Text color={jobStateColor(job.state)}>{cells.state}</Text> {cells.created}{' '}
            {cells.duration}{' '}
            <Text {...(cells.isError && {color: theme.status.error})}>{cells.detail}</Text>
          </Text>
        );
      })}
      {more && top + tableRows >= shown.length && shown.length > 0 ? (
        <Text color={theme.text.muted}>↓ loading more…</Text>
      ) : null}
    </Box>
  );
}
