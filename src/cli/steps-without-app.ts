// The project's steps as `motia run` loads them (plugin steps of motia.config.ts included, Python steps
// described by a runner), without starting the app: no queue, no state, no HTTP.
import { loadProjectConfig } from '../config/load-config.js'
import { lateState, loadPlugins } from '../config/plugins.js'
import { newTraceId } from '../engine/trace-id.js'
import type { Language } from '../languages/language.js'
import { NodeLanguage } from '../languages/node/index.js'
import { PythonLanguage } from '../languages/python/index.js'
import { fdOutput } from '../logger/log-output.js'
import { LogSink } from '../logger/log-sink.js'
import { createLogger } from '../logger/logger.js'
import { loadStepsAndStreams } from '../project/load-project.js'
import type { Step } from '../project/step.js'

/**
 * Loads every step of the project at `root`; warnings go to standard error, so that standard output
 * stays the command's own. Throws StepConfigError listing every problem when the project does not load.
 */
export async function stepsWithoutApp(root: string, env: NodeJS.ProcessEnv = process.env): Promise<Step[]> {
  const sink = new LogSink({ level: 'warn', pretty: Boolean(process.stderr.isTTY), output: fdOutput(2) })
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
      return loaded.steps
    } finally {
      await plugins?.shutdown()
    }
  } finally {
    await Promise.allSettled(languages.map((language) => language.close()))
    sink.flush()
  }
}
