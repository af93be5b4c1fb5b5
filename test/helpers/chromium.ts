/**
 * Headless Chromium for the end-to-end tests: Debian's `chromium` package driven by playwright-core,
 * which never downloads a browser of its own.
 */
import fs from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

/** Where Debian installs it; KIROKU_TEST_CHROMIUM points elsewhere (another distribution, a Chrome build). */
export const CHROMIUM_PATH = process.env.KIROKU_TEST_CHROMIUM || '/usr/bin/chromium'

/** Launches headless Chromium, or fails saying how to install it: the e2e tests are part of the suite, never skipped. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM_PATH}, which is missing. On Debian or Ubuntu, as root: ` +
        '`apt-get update && apt-get install -y chromium` (.ci/run does this in CI). ' +
        'Elsewhere, set KIROKU_TEST_CHROMIUM to a Chromium or Chrome executable.',
    )
  }
  // launch() gives the browser a fresh temporary profile (user-data-dir) and deletes it on close.
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--no-first-run'],
  })
}
