// How the commands that only read a project load it: the project's `.env` first, warnings on stderr.
import { resolve } from 'node:path'
import { loadProjectWithoutApp, type ProjectWithoutApp } from '../engine/project-without-app.js'
import { fdOutput } from '../logger/log-output.js'
import { LogSink } from '../logger/log-sink.js'
import { loadDotEnv } from './dot-env.js'

/**
 * The project at `projectDir` as `motia run` would load it, for commands that only read it (`generate`,
 * `generate-types`, `contract`): `.env` first, since steps may read it while they load, and warnings on
 * standard error, so that standard output stays the command's own.
 */
export async function loadProjectForCommand(projectDir: string): Promise<ProjectWithoutApp & { root: string }> {
  const root = resolve(projectDir)
  loadDotEnv(root)
  const sink = new LogSink({ level: 'warn', pretty: Boolean(process.stderr.isTTY), output: fdOutput(2) })
  return { root, ...(await loadProjectWithoutApp(root, process.env, sink)) }
}
