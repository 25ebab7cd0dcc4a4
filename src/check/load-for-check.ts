// The project as `motia run` loads it; what stops it loading becomes errors, what it warns about warnings.
import { loadProjectWithoutApp, type ProjectWithoutApp } from '../engine/project-without-app.js'
import { MotiaError, StepConfigError } from '../errors.js'
import { LogSink } from '../logger/log-sink.js'
import type { Finding } from './finding.js'

export interface LoadedForCheck {
  /** Undefined when the project does not load. */
  project?: ProjectWithoutApp
  errors: Finding[]
  warnings: Finding[]
}

export async function loadForCheck(root: string, env: NodeJS.ProcessEnv): Promise<LoadedForCheck> {
  const warnings: Finding[] = []
  const decoder = new TextDecoder()
  // JSON log lines, read back: a loader warning (loose schemas, plugins) is one of check's warnings.
  const sink = new LogSink({
    level: 'warn',
    pretty: false,
    output: {
      write: (data) => {
        for (const line of decoder.decode(data).split('\n')) {
          if (line.trim() !== '') warnings.push({ code: 'load-warning', message: (JSON.parse(line) as { msg: string }).msg })
        }
        return data.length
      },
    },
  })
  try {
    const project = await loadProjectWithoutApp(root, env, sink)
    return { project, errors: [], warnings }
  } catch (error) {
    sink.flush()
    if (error instanceof StepConfigError) {
      const errors = error.problems.map((problem) => ({
        code: 'step-config',
        message: problem.message,
        file: problem.filePath,
        ...(problem.line === undefined ? {} : { line: problem.line }),
      }))
      return { errors, warnings }
    }
    const code = error instanceof MotiaError ? error.code : 'project-load'
    return { errors: [{ code, message: error instanceof Error ? error.message : String(error) }], warnings }
  }
}
