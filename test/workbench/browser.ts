// A real headless Chromium (Debian's `chromium`, installed by .ci/run) driven by playwright-core, and
// `motia dev` on a copy of the example app: what the Workbench's browser tests run against.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { copyFixture, type MotiaProcess, REPO, startMotia } from '../helpers/motia-process.js'

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(
  (path): path is string => Boolean(path),
)

/** Chromium's path; throws naming the install when there is none (`.ci/run` installs it). */
export function chromiumPath(): string {
  const found = CANDIDATES.find((path) => existsSync(path))
  if (!found) throw new Error(`No Chromium found (looked at ${CANDIDATES.join(', ')}): install Debian's \`chromium\` (apt-get install chromium) or set CHROMIUM_PATH`)
  return found
}

export function launchBrowser(): Promise<Browser> {
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] })
}

/** A copy of examples/polyglot-app, so that edits and `.motia/` never touch the real one. */
export function copyExampleApp(): string {
  const dir = copyFixture('polyglot-app', 'examples')
  return dir
}

export interface WorkbenchSession {
  app: MotiaProcess
  browser: Browser
  page: Page
  dir: string
  close(): Promise<void>
}

/** `motia dev` on `dir` (a copy of the example by default), and a page open on its Workbench. */
export async function openWorkbench(options: { dir?: string; env?: Record<string, string>; hash?: string } = {}): Promise<WorkbenchSession> {
  const dir = options.dir ?? copyExampleApp()
  const app = await startMotia(dir, { command: 'dev', env: options.env })
  const browser = await launchBrowser()
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  await page.goto(`${app.url}/__motia/workbench${options.hash ?? ''}`)
  return {
    app,
    browser,
    page,
    dir,
    async close() {
      await browser.close().catch(() => undefined)
      await app.stop()
    },
  }
}

/** Where the README's screenshots are written (`docs/workbench/<name>.png`). */
export function screenshotPath(name: string): string {
  return join(REPO, 'docs/workbench', `${name}.png`)
}
