// The home screen: every custom job, tuning job and training pipeline of the project and region,
// newest first, loaded a page at a time. Enter opens a job; d, l, x, c, y, o act on it; / and f
// filter locally and on the server; t, s and S choose type and order; it refreshes on its own.
// It only draws: what it remembers is job-list-state.ts, its keys use-job-list-input.ts. On a
// returning run it first draws the rows of the last run, marked as cached (use-cached-job-list.ts).
import {useObservedJobs} from '../../shell/end-notice.js';
import {Box, Text} from 'ink';
import React, {useEffect, useMemo, useReducer} from 'react';
import {useAppContext} from '../../shell/session-context.js';
import {useScreenActive, useScreenSize} from '../../shell/screen-context.js';
import {jobStateColor, theme} from '../../shell/theme.js';
import {useClock} from '../../shell/use-clock.js';
import {formatDuration} from '../../../core/text/format-duration.js';
import {safeText} from '../../../core/text/safe-text.js';
import {JOB_KINDS} from '../../../services/vertex/api.js';
import {hasMore, keepSelection, visibleRows} from '../../../services/jobs/job-list-model.js';
import {KIND_LABELS} from '../../../services/jobs/job-summary.js';
import {
  fit,
  headerColumns,
  rowCells,
  tableLayout,
} from '../../../services/jobs/job-table-layout.js';
import {
  emptyListMessage,
  initialJobListState,
  jobListReducer,
  jobTableRows,
  keepInView,
  shownKinds,
} from './job-list-state.js';
import {useJobList} from './use-job-list.js';
import {useCachedJobList} from './use-cached-job-list.js';
import {useJobListInput} from './use-job-list-input.js';

const LOAD_AHEAD = 20;

export function JobListScreen() {
  const app = useAppContext();
  const active = useScreenActive();
  const {columns, rows} = useScreenSize();
  const now = useClock();
  const [state, dispatch] = useReducer(jobListReducer, initialJobListState);
  const {view, serverFilter, top} = state;
  const kinds = shownKinds(state);
  const jobs = app.status.kind === 'ready' ? app.status.session.api.jobs : undefined;
  const live = useJobList(jobs, app.parent, kinds, serverFilter, active);
  // Only live rows: a state read from the cache is never announced as a job's end.
  useObservedJobs(
    useMemo(() => Object.values(live.pages).flatMap((page) => page?.items ?? []), [live.pages]),
  );
  const list = useCachedJobList(live, kinds, serverFilter);
  const cached = list.cachedAt !== undefined;
  const shown = useMemo(
    () => visibleRows(list.pages, {...view, kinds}, now),
    [list.pages, view, kinds, now],
  );
  const index = keepSelection(shown, state.selectedName, state.selectedIndex);
  const under = shown[index];
  // The row under the cursor of the cached list stays selected when the live rows come in.
  if (cached && state.selectedName === undefined && under)
    dispatch({type: 'holdSelection', name: under.name});
  if (!cached && state.selectionHeld) dispatch({type: 'releaseSelection', index});
  const tableRows = jobTableRows(rows);
  // Keep the selection in the window without moving the window more than needed.
  const windowTop = keepInView(top, index, tableRows);
  if (windowTop !== top) dispatch({type: 'scrolled', top: windowTop});
  const more = hasMore(list.pages, kinds);
  const wantsMore = more && shown.length - index < LOAD_AHEAD && !list.loading;
  useEffect(() => {
    if (wantsMore) list.loadMore();
  }, [wantsMore, list]);

  useJobListInput({state, dispatch, shown, index, tableRows, list, ready: Boolean(jobs)});

  // Two columns for the selection marker.
  const layout = tableLayout(columns - 2);
  const header = headerColumns(layout)
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
    cached
      ? ''
      : list.loading
        ? 'loading…'
        : list.refreshedAt
          ? `refreshed ${formatDuration(now - list.refreshedAt)} ago`
          : '',
  ].filter(Boolean);
  // The filters in force get the row under the title (the project's path takes half of an 80-column
  // title, which cut them off): a list that shows fewer jobs always says why. An error takes that
  // row first; the filters then go back to the end of the title.
  const filters = [
    ...(view.text ? [`/${safeText(view.text)}`] : []),
    ...(serverFilter ? [`server: ${safeText(serverFilter)}`] : []),
  ];
  const errorRow = Boolean(list.error || unsupported.length);
  if (errorRow) facts.push(...filters);

  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Text wrap="truncate-end">
        <Text bold color={theme.text.heading}>
          Jobs
        </Text>
        {cached ? (
          <Text color={theme.status.warning}>
            {'  '}cached {formatDuration(Math.max(0, now - list.cachedAt!))} ago —{' '}
            {app.status.kind === 'failed' || list.error ? 'not refreshed' : 'refreshing…'}
          </Text>
        ) : null}
        <Text color={theme.text.muted}>
          {'  '}
          {app.parent} · {facts.join(' · ')}
        </Text>
      </Text>
      {errorRow ? (
        <Text color={list.error ? theme.status.error : theme.text.muted} wrap="truncate-end">
          {list.error ? `✖ ${safeText(list.error)}` : unsupported.join(' · ')}
        </Text>
      ) : filters.length ? (
        <Text color={theme.text.accent} wrap="truncate-end">
          filtered: {filters.join(' · ')}
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
          {emptyListMessage({
            ready: app.status.kind === 'ready',
            listed: kinds.every((kind) => list.pages[kind] !== undefined),
            filtered: Boolean(view.text || serverFilter),
          })}
        </Text>
      ) : null}
      {shown.slice(top, top + tableRows).map((job, offset) => {
        const cells = rowCells(job, layout, now, app.catalog);
        const isSelected = top + offset === index;
        return (
          <Text key={job.name} inverse={isSelected} dimColor={cached} wrap="truncate-end">
            <Text color={theme.selection.marker}>{isSelected ? '❯ ' : '  '}</Text>
            {cells.name} <Text color={theme.text.muted}>{cells.id}</Text> {cells.type}{' '}
            <Text color={jobStateColor(job.state)}>{cells.state}</Text> {cells.created}{' '}
            {cells.duration} {cells.cost !== undefined ? `${cells.cost} ` : ''}
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
