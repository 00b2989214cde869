import { describe, expect, it } from 'vitest';
import { browserTestPlan } from '../helpers/chromium.ts';

describe('browser tests without Chromium', () => {
  it('fail in CI, naming what is missing', () => {
    const plan = browserTestPlan({ CI: 'true' }, false);
    expect(plan.run).toBe(false);
    expect(!plan.run && plan.failure).toMatch(/chromium is missing: CI must run the browser tests/);
    expect(browserTestPlan({ CI: '1' }, false)).toMatchObject({ run: false, failure: expect.any(String) });
  });

  it("are skipped on a developer's machine", () => {
    expect(browserTestPlan({}, false)).toEqual({ run: false, failure: null });
    expect(browserTestPlan({ CI: 'false' }, false)).toEqual({ run: false, failure: null });
  });

  it('run wherever Chromium is installed', () => {
    expect(browserTestPlan({ CI: 'true' }, true)).toEqual({ run: true });
    expect(browserTestPlan({}, true)).toEqual({ run: true });
  });
});
