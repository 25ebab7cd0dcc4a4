// The project as `motia run` loads it (plugin steps of motia.config.ts included, Python steps and
// streams described by a runner), without starting the app: no queue, no state, no HTTP. For the
// commands that only read steps (`generate openapi`) and the test kit's unit helper.
import { loadProjectConfig } from '../config/load-config.js'
import { lateState, loadPlugins } from '../config/plugins.js'
import type { Language } from '../languages/language.js'
import { NodeLanguage } from '../languages/node/index.js'
import { PythonLanguage } from '../languages/python/index.js'
import type { LogSink } from '../logger/log-sink.js'
import { createLogger } from '../logger/logger.js'
import { loadStepsAndStreams } from '../project/load-project.js'
import type { Step } from '../project/step.js'
import type { StreamDefinition } from '../streams/stream-definition.js'
import type { MotiaConfig } from '../types.js'
import { newTraceId } from './trace-id.js'

export interface ProjectWithoutApp {
  steps: Step[]
  streams: StreamDefinition[]
  /** The project's motia.config.* export, when it has one. */
  config?: MotiaConfig
}

/**
 * Loads every step and stream of the project at `root`; warnings and plugin logs go to `sink`. The
 * plugins are shut down and the Python runners stopped before it returns. Throws StepConfigError
 * listing every problem when the project does not load.
 */
export async function loadProjectWithoutApp(root: string, env: NodeJS.ProcessEnv, sink: LogSink): Promise<ProjectWithoutApp> {
  const logger = createLogger(sink, { step: 'motia' })
  const languages: Language[] = [new NodeLanguage(), new PythonLanguage({ root, env, sink })]
  try {
    const projectConfig = await loadProjectConfig(root)
    const plugins =
      projectConfig &&
      (await loadPlugins(projectConfig.config, {
        root,
        fileName: projectConfig.fileName,
        state: lateState(() => undefined),
        loggerFor: (pluginName) => createLogger(sink, { step: pluginName }),
        newTraceId,
      }))
    try {
      const loaded = await loadStepsAndStreams(root, languages, env, { warn: (line) => logger.warn(line), extraFiles: plugins?.stepFiles })
      return { ...loaded, config: projectConfig?.config }
    } finally {
      await plugins?.shutdown()
    }
  } finally {
    await Promise.allSettled(languages.map((language) => language.close()))
    sink.flush()
  }
}
