// Column widths and cell text of the job table, for any terminal width: the name and the
// resources/error column take what is left; ids are shortened from the left on narrow screens,
// and the COST column (list-price estimate, job-cost.ts) is left out below COST_MIN_WIDTH.
import {formatDuration} from '../../core/text/format-duration.js';
import {shortState} from '../../core/job-spec/job-state.js';
import {safeText} from '../../core/text/safe-text.js';
import type {Catalog} from '../../core/job-spec/index.js';
import {errorLine, KIND_LABELS, type JobSummary} from './job-summary.js';
import {costCell, jobCost} from './job-cost.js';

/** From this width the table has a COST column (at 80 columns the resources need the room). */
export const COST_MIN_WIDTH = 100;
const COST_WIDTH = 8;
import {pendingReason} from './pending-reason.js';

export interface Column {
  title: string;
  width: number;
}

export interface TableLayout {
  name: Column;
  id: Column;
  type: Column;
  state: Column;
  created: Column;
  duration: Column;
  /** Absent on narrow terminals. */
  cost?: Column;
  detail: Column;
}

export function tableLayout(width: number): TableLayout {
  const idWidth = width >= 140 ? 19 : width >= 110 ? 12 : 8;
  const withCost = width >= COST_MIN_WIDTH;
  const fixed = idWidth + 10 + 12 + 11 + 8 + 6 + (withCost ? COST_WIDTH + 1 : 0); // + gaps
  const rest = Math.max(20, width - fixed - 2);
  const nameWidth = Math.max(14, Math.min(40, Math.floor(rest * 0.45)));
  return {
    name: {title: 'NAME', width: nameWidth},
    id: {title: 'ID', width: idWidth},
    type: {title: 'TYPE', width: 10},
    state: {title: 'STATE', width: 12},
    created: {title: 'CREATED', width: 11},
    duration: {title: 'DURATION', width: 8},
    ...(withCost && {cost: {title: 'COST', width: COST_WIDTH}}),
    detail: {title: 'RESOURCES / ERROR', width: Math.max(8, rest - nameWidth)},
  };
}

/** Fits `text` in `width` columns (code points; names from outside are made safe first). */
export function fit(text: string, width: number, from: 'end' | 'start' = 'end'): string {
  const chars = [...text];
  if (chars.length <= width) return text + ' '.repeat(width - chars.length);
  if (width <= 1) return '…'.slice(0, width);
  return from === 'end'
    ? `${chars.slice(0, width - 1).join('')}…`
    : `…${chars.slice(chars.length - width + 1).join('')}`;
}

export function formatCreated(date: Date | undefined, now: number): string {
  if (!date) return '—';
  const age = now - date.getTime();
  if (age >= 0 && age < 24 * 3600_000) return `${formatDuration(age)} ago`;
  return date.toISOString().slice(0, 10);
}

export function durationText(job: JobSummary, now: number): string {
  const start = job.startTime ?? job.createTime;
  if (!start) return '—';
  return formatDuration((job.endTime?.getTime() ?? now) - start.getTime());
}

export interface RowCells {
  name: string;
  id: string;
  type: string;
  state: string;
  created: string;
  duration: string;
  /** The cost so far (total once ended), or "—"; undefined when the layout has no COST column. */
  cost?: string;
  detail: string;
  isError: boolean;
}

/** The header line's column titles, in the order rowCells' cells are drawn. */
export function headerColumns(layout: TableLayout): Column[] {
  const {name, id, type, state, created, duration, cost, detail} = layout;
  return [name, id, type, state, created, duration, ...(cost ? [cost] : []), detail];
}

export function rowCells(
  job: JobSummary,
  layout: TableLayout,
  now: number,
  catalog?: Catalog,
): RowCells {
  // A waiting job says what it waits for first (from the resource alone: the list reads no logs).
  const waiting = pendingReason(job, [], now);
  const error = waiting ? undefined : errorLine(job);
  const detail = waiting
    ? [waiting.text, job.resources].filter(Boolean).join(' · ')
    : error
      ? `✖ ${error}`
      : (job.resources ?? '');
  return {
    name: fit(safeText(job.displayName || '(no name)'), layout.name.width),
    id: fit(job.id, layout.id.width, 'start'),
    type: fit(KIND_LABELS[job.kind], layout.type.width),
    state: fit(shortState(job.state), layout.state.width),
    created: fit(formatCreated(job.createTime, now), layout.created.width),
    duration: fit(durationText(job, now), layout.duration.width),
    ...(layout.cost &&
      catalog && {cost: fit(costCell(jobCost(job, catalog, now)), layout.cost.width)}),
    detail: fit(safeText(detail), layout.detail.width),
    isError: Boolean(error),
  };
}
