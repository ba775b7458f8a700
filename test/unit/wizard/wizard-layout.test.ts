// The wizard's layout (wizard-layout.ts): the side panel on wide terminals but never beside the
// gcloud command, and the body's size under the header and notices.
import {describe, expect, it} from 'vitest';
import {breadcrumbRow, wizardLayout} from '../../../source/ui/screens/wizard/wizard-layout.js';

const at = {
  step: 'compute',
  reviewView: 'summary',
  notice: undefined,
} as const;

describe('wizardLayout', () => {
  it('puts the side panel beside the body from 110 columns, the breadcrumb row below that', () => {
    expect(wizardLayout({...at, width: 120, height: 30})).toEqual({
      side: true,
      sideWidth: 34,
      bodyWidth: 85,
      bodyHeight: 28,
    });
    expect(wizardLayout({...at, width: 109, height: 30})).toMatchObject({
      side: false,
      bodyWidth: 109,
      bodyHeight: 27,
    });
  });

  it('widens the side panel on a wide terminal, so its choices are not cut at 34 columns', () => {
    expect(wizardLayout({...at, width: 155, height: 30}).sideWidth).toBe(34);
    expect(wizardLayout({...at, width: 170, height: 30})).toMatchObject({
      sideWidth: 49,
      bodyWidth: 120,
    });
    expect(wizardLayout({...at, width: 200, height: 60})).toMatchObject({
      sideWidth: 56,
      bodyWidth: 143,
    });
  });

  it('drops the side panel beside the gcloud command only', () => {
    expect(
      wizardLayout({...at, step: 'review', reviewView: 'gcloud', width: 120, height: 30}).side,
    ).toBe(false);
    expect(
      wizardLayout({...at, step: 'review', reviewView: 'config', width: 120, height: 30}).side,
    ).toBe(true);
  });

  it('gives the notice its row and the body at least 6; no catalog notice under the header', () => {
    expect(wizardLayout({...at, width: 80, height: 22, notice: 'n'}).bodyHeight).toBe(22 - 3 - 1);
    expect(wizardLayout({...at, width: 80, height: 5}).bodyHeight).toBe(6);
  });
});

describe('breadcrumbRow', () => {
  it('brackets the current step and counts its errors', () => {
    const crumb = (title: string, current = false, errors = 0) => ({
      id: 'where' as const,
      title,
      summary: '',
      current,
      errors,
    });
    expect(breadcrumbRow([crumb('Where'), crumb('Compute', true, 2), crumb('Review')], 80)).toBe(
      'Where › [Compute] ✖2 › Review',
    );
  });
});
