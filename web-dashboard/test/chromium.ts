import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium, which the project's scripts install (scripts/install-system-deps.sh); CHROMIUM_PATH overrides. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** No sandbox (root in CI), no GPU, and none of the background networking a closed machine would refuse over and over. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Headless chromium as the tests use it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
