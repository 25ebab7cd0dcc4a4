import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { buildContract } from '../contract/index.js'
import { loadProjectWithoutApp } from '../engine/project-without-app.js'
import { fdOutput } from '../logger/log-output.js'
import { LogSink } from '../logger/log-sink.js'

/**
 * `motia contract`: prints the project's ProjectContract as JSON. It is how tools in other languages
 * (the Python test kit first) read what each step emits and what each topic's subscribers accept.
 */
export async function printContract(flags: { project: string }, write: (text: string) => void): Promise<void> {
  const root = resolve(flags.project)
  // Steps see the same environment as under `motia run` (they may read it while they load).
  const dotEnv = join(root, '.env')
  if (existsSync(dotEnv)) process.loadEnvFile(dotEnv)
  // Warnings go to standard error: standard output is the JSON alone.
  const sink = new LogSink({ level: 'warn', pretty: Boolean(process.stderr.isTTY), output: fdOutput(2) })
  const { steps, streams } = await loadProjectWithoutApp(root, process.env, sink)
  write(`${JSON.stringify(buildContract(steps, streams), null, 2)}\n`)
}
