import { existsSync } from 'node:fs';

/** Debian's chromium, driven by playwright-core (no browser download). */
export const CHROMIUM = '/usr/bin/chromium';

export type BrowserTestPlan = { run: true } | { run: false; failure: string | null };

/**
 * Whether the browser tests run. Without Chromium a developer's run skips them, but CI must not
 * pass without them: with CI set (CI=true, as CI runners set it) a missing Chromium is a failure.
 */
export function browserTestPlan(env: NodeJS.ProcessEnv = process.env, chromiumPresent: boolean = existsSync(CHROMIUM)): BrowserTestPlan {
  if (chromiumPresent) return { run: true };
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  return {
    run: false,
    failure: ci ? `${CHROMIUM} is missing: CI must run the browser tests (install Debian's chromium, as .ci/run does)` : null,
  };
}
