// `motia dev` keeps types.d.ts and motia_types.py in step with the project's files while it runs.
// Each regeneration is a `motia generate-types` child process: it reads the edited files fresh, where
// this process's module cache still holds the versions the app started with.
import { fileURLToPath } from 'node:url'
import { watch } from 'chokidar'
import { execa } from 'execa'
import type { Logger } from '../types.js'

// Editors save in bursts (write, rename, chmod): one regeneration per burst.
const SETTLE_MS = 150
const SKIPPED_DIRS = /(?:^|[\\/])(?:node_modules|\.venv|python_modules|\.motia|\.git|__pycache__|dist)(?:[\\/]|$)/
// Step, stream and config files, and the modules they import (a schema may live in a shared module).
const SOURCE_FILE = /\.(?:[cm]?[jt]s|py|json)$/
const GENERATED = new Set(['types.d.ts', 'motia_types.py'])
// bin/ beside dist/ (and src/, when a clone runs from source).
const MOTIA_BIN = fileURLToPath(new URL('../../bin/motia.js', import.meta.url))

export interface GeneratedFilesWatcher {
  close(): Promise<void>
}

/** Regenerates the project's generated files after each burst of changes under `root`; logs what it wrote. */
export function watchGeneratedFiles(root: string, logger: Logger, env: NodeJS.ProcessEnv): GeneratedFilesWatcher {
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let again = false
  let closed = false

  const regenerate = async (): Promise<void> => {
    const result = await execa(process.execPath, [MOTIA_BIN, 'generate-types', '-P', root], { env, reject: false })
    if (closed) return
    if (result.exitCode !== 0) {
      const reason = (result.stderr || result.stdout).trim().replace(/^motia: /, '')
      logger.warn(`Could not regenerate the generated types: ${reason}`)
      return
    }
    for (const line of result.stdout.split('\n')) if (line.startsWith('Wrote ')) logger.info(line)
  }
  const run = (): void => {
    if (running) {
      again = true
      return
    }
    running = regenerate().finally(() => {
      running = undefined
      if (again && !closed) {
        again = false
        run()
      }
    })
  }

  const watcher = watch(root, {
    ignoreInitial: true,
    ignored: (path, stats) => SKIPPED_DIRS.test(path.slice(root.length)) || (stats?.isFile() === true && !isWatchedFile(root, path)),
  })
  watcher.on('all', (_event, path) => {
    if (!isWatchedFile(root, path)) return
    clearTimeout(timer)
    timer = setTimeout(run, SETTLE_MS)
  })
  watcher.on('ready', () => logger.debug('Watching the project to keep the generated types up to date'))
  watcher.on('error', (error) => logger.warn(`Watching the project for the generated types failed: ${error instanceof Error ? error.message : String(error)}`))

  return {
    async close() {
      closed = true
      clearTimeout(timer)
      await watcher.close()
      await running
    },
  }
}

function isWatchedFile(root: string, path: string): boolean {
  const relative = path.slice(root.length + 1)
  return SOURCE_FILE.test(path) && !GENERATED.has(relative) && !relative.endsWith('.d.ts')
}
