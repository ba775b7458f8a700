// The wizard's layout arithmetic, pure: whether the side panel fits (never beside the gcloud
// command), the body's width and height under the header, and the breadcrumb in one row.
import type {BreadcrumbItem} from './step-model.js';
import type {StepId} from './steps/index.js';
import type {ReviewView} from './review-state.js';

const SIDE_PANEL_MIN_COLUMNS = 110;
export const SIDE_PANEL_WIDTH = 34;
/** On a wide terminal the panel grows to this, so its choices are read whole, not cut at 34. */
const SIDE_PANEL_MAX_WIDTH = 56;

export interface WizardLayout {
  /** The side panel (every step with its choice and errors) instead of the breadcrumb row. */
  side: boolean;
  /** Its width: 34, growing with what a terminal wider than 154 columns has to spare. */
  sideWidth: number;
  bodyWidth: number;
  bodyHeight: number;
}

export function wizardLayout({
  width,
  height,
  step,
  reviewView,
  notice,
}: {
  width: number;
  height: number;
  step: StepId;
  reviewView: ReviewView;
  /** The notice line under the body, when shown. */
  notice: string | undefined;
}): WizardLayout {
  // No side panel beside the gcloud command: a terminal selection takes whole rows, and the
  // panel's text on the command's rows would be pasted into the shell with it.
  const copyingCommand = step === 'review' && reviewView === 'gcloud';
  const side = width >= SIDE_PANEL_MIN_COLUMNS && !copyingCommand;
  // The body keeps 120 columns before the panel grows (a form and the review need no more).
  const sideWidth = Math.max(SIDE_PANEL_WIDTH, Math.min(SIDE_PANEL_MAX_WIDTH, width - 121));
  const bodyWidth = side ? width - sideWidth - 1 : width;
  const headRows = 2 + (side ? 0 : 1);
  const bodyHeight = Math.max(6, height - headRows - (notice ? 1 : 0));
  return {side, sideWidth, bodyWidth, bodyHeight};
}

/**
 * The breadcrumb in one row: when every step does not fit, steps far from the current one give
 * way to "…" (the current step and its error counts always show; the review lists them all).
 */
export function fitBreadcrumb(parts: string[], current: number, width: number): string {
  const join = (list: string[]) => list.join(' › ');
  if (join(parts).length <= width) return join(parts);
  let first = 0;
  let last = parts.length - 1;
  const shown = () => [
    ...(first > 0 ? ['…'] : []),
    ...parts.slice(first, last + 1),
    ...(last < parts.length - 1 ? ['…'] : []),
  ];
  while (join(shown()).length > width && first < last) {
    // Drop from the side farther from the current step.
    if (current - first >= last - current) first++;
    else last--;
  }
  return join(shown());
}

/** The breadcrumb row: `[Current]` in brackets, open errors as ✖N. */
export function breadcrumbRow(crumbs: readonly BreadcrumbItem[], width: number): string {
  return fitBreadcrumb(
    crumbs.map((c) => `${c.current ? `[${c.title}]` : c.title}${c.errors ? ` ✖${c.errors}` : ''}`),
    crumbs.findIndex((c) => c.current),
    width,
  );
}
