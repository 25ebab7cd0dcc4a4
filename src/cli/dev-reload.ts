// `motia dev` while it runs: each burst of edits reloads the app in-process, then rewrites the generated
// files (types.d.ts, motia_types.py) from what serves. An edited motia.config.ts restarts the app.
import type { MotiaApp } from '../engine/app.js'
import { isConfigFile, watchProject, type ProjectWatcher } from '../engine/reload/watch-project.js'
import { refreshGeneratedFiles } from './refresh-generated-files.js'

export interface DevReloadHooks {
  /** The app serving now (a config change replaces it). */
  app: () => MotiaApp
  /** Resolves once the first app serves: batches wait for it. */
  started: () => Promise<unknown>
  /** Stops the app and starts a new one on the same port; resolves once it serves (or failed, logged). */
  restart: () => Promise<void>
}

/** Starts watching `root`; the returned watcher's `ready` resolves once edits are seen. */
export function watchAndReload(root: string, hooks: DevReloadHooks): ProjectWatcher {
  const watcher = watchProject(
    root,
    async (files) => {
      await hooks.started()
      if (files.some((file) => isConfigFile(root, file))) return hooks.restart()
      const app = hooks.app()
      const outcome = await app.reload(files)
      if (outcome.applied) await refreshGeneratedFiles(root, outcome.steps, outcome.streams, app.logger)
    },
    (error) => hooks.app().logger.error(`Reloading failed: ${error instanceof Error ? error.message : String(error)}`),
  )
  void watcher.ready.then(() => hooks.app().logger.debug('Watching the project for changes (hot reload)'))
  return watcher
}
