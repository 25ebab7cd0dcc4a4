import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { buildContract } from '../contract/index.js'
import { loadProjectWithoutApp } from '../engine/project-without-app.js'
import { fdOutput } from '../logger/log-output.js'
import { LogSink } from '../logger/log-sink.js'
import { generatedFiles, PYTHON_TYPES_PATH, writeFirstPythonTypes, writeGeneratedFiles } from '../typegen/index.js'

/** `motia generate-types`: writes the project's generated files (types.d.ts, ...) that changed, one line per file. */
export async function generateTypes(flags: { project: string }, log: (line: string) => void): Promise<void> {
  const root = resolve(flags.project)
  // Steps see the same environment as under `motia run` (they may read it while they load).
  const dotEnv = join(root, '.env')
  if (existsSync(dotEnv)) process.loadEnvFile(dotEnv)
  // Warnings go to standard error: standard output stays the command's own.
  const sink = new LogSink({ level: 'warn', pretty: Boolean(process.stderr.isTTY), output: fdOutput(2) })
  // Python steps may import motia_types: the first generation needs a module to load them with.
  const placeholder = await writeFirstPythonTypes(root)
  const { steps, streams } = await loadProjectWithoutApp(root, process.env, sink)
  const contract = buildContract(steps, streams)
  const written = new Set(await writeGeneratedFiles(root, contract))
  if (placeholder) written.add(PYTHON_TYPES_PATH)
  for (const { path } of generatedFiles(contract)) log(written.has(path) ? `Wrote ${path}` : `${path} is up to date`)
}
