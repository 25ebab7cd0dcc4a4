// `motia dev` watches the project tree for edits to step, stream and config files and the modules they
// import. Editors save in bursts (write, rename, chmod): the events of one burst make one batch, and
// batches run one at a time (a change during a run makes one more run with everything since).
import { basename } from 'node:path'
import { watch } from 'chokidar'

// Long enough for an editor's burst, short enough to feel instant.
export const SETTLE_MS = 25
const SKIPPED_DIRS = /(?:^|[\\/])(?:node_modules|\.venv|python_modules|\.motia|\.git|__pycache__|dist)(?:[\\/]|$)/
const SOURCE_FILE = /\.(?:[cm]?[jt]sx?|py|json)$/
// Written by `motia dev` itself after each reload (watching them would reload forever), and files no
// step reads: the Workbench saves node positions to motia-workbench.json, npm writes package-lock.json.
const NOT_WATCHED = new Set(['types.d.ts', 'motia_types.py', 'package-lock.json'])
const WORKBENCH_LAYOUT = 'motia-workbench.json'

export interface ProjectWatcher {
  /** Resolves once the initial scan is done: edits from then on are seen. */
  ready: Promise<void>
  close(): Promise<void>
}

/** Calls `onBatch` with the files (absolute paths) changed, added or removed in each burst. */
export function watchProject(root: string, onBatch: (files: string[]) => Promise<void>, onError: (error: unknown) => void): ProjectWatcher {
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let pending = new Set<string>()
  let closed = false

  const run = (): void => {
    if (running || closed || pending.size === 0) return
    const batch = [...pending]
    pending = new Set()
    running = onBatch(batch)
      .catch(onError)
      .finally(() => {
        running = undefined
        run()
      })
  }

  const watcher = watch(root, {
    ignoreInitial: true,
    ignored: (path, stats) => SKIPPED_DIRS.test(path.slice(root.length)) || (stats?.isFile() === true && !isWatchedFile(root, path)),
  })
  watcher.on('all', (_event, path) => {
    if (!isWatchedFile(root, path)) return
    pending.add(path)
    clearTimeout(timer)
    timer = setTimeout(run, SETTLE_MS)
  })
  watcher.on('error', onError)
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()))

  return {
    ready,
    async close() {
      closed = true
      clearTimeout(timer)
      await watcher.close()
      await running
    },
  }
}

export function isWatchedFile(root: string, path: string): boolean {
  const relative = path.slice(root.length + 1)
  if (!SOURCE_FILE.test(path) || NOT_WATCHED.has(relative) || relative.endsWith('.d.ts') || SKIPPED_DIRS.test(relative)) return false
  return basename(relative) !== WORKBENCH_LAYOUT
}

/** `motia.config.ts` (or .js, .mjs, ...) at the root: a change restarts the app. */
export function isConfigFile(root: string, path: string): boolean {
  return /^motia\.config\.[cm]?[jt]s$/.test(path.slice(root.length + 1))
}
