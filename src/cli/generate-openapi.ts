import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { loadProjectWithoutApp } from '../engine/project-without-app.js'
import { fdOutput } from '../logger/log-output.js'
import { LogSink } from '../logger/log-sink.js'
import { openApiDocument, projectInfo } from '../openapi/index.js'

export interface GenerateOpenApiFlags {
  project: string
  /** Relative to the current folder. */
  output: string
  title?: string
  version?: string
}

/** `motia generate openapi`: writes the OpenAPI 3.1 document of the project's API steps. */
export async function generateOpenApi(flags: GenerateOpenApiFlags, log: (line: string) => void): Promise<void> {
  const root = resolve(flags.project)
  // Steps see the same environment as under `motia run` (they may read it while they load).
  const dotEnv = join(root, '.env')
  if (existsSync(dotEnv)) process.loadEnvFile(dotEnv)
  // Warnings go to standard error: standard output stays the command's own.
  const sink = new LogSink({ level: 'warn', pretty: Boolean(process.stderr.isTTY), output: fdOutput(2) })
  const { steps } = await loadProjectWithoutApp(root, process.env, sink)
  const info = await projectInfo(root)
  const document = openApiDocument(steps, { title: flags.title ?? info.title, version: flags.version ?? info.version })
  const output = resolve(flags.output)
  await mkdir(dirname(output), { recursive: true })
  await writeFile(output, `${JSON.stringify(document, null, 2)}\n`)
  const operations = Object.values(document.paths).reduce((count, item) => count + Object.keys(item).length, 0)
  log(`Wrote ${output}: OpenAPI 3.1, ${operations} operation${operations === 1 ? '' : 's'}`)
}
