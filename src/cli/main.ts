import { readFileSync } from 'node:fs'
import { Command, Option } from 'commander'
import { callAdmin, type AdminTarget } from './admin-client.js'
import { parseByteSize, parsePort, parsePositiveInt } from './options.js'
import type { ServeFlags } from './serve.js'

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }

const SERVE_ENVIRONMENT = `
Environment (also read from the project's .env):
  PORT, HOST               port and host to listen on (the flags win)
  MOTIA_REDIS_URL          run on this Redis (events on BullMQ, state, streams, cron), shared by every node
                           pointed at it: redis://[user:password@]host:port[/db], rediss:// for TLS
  MOTIA_REDIS_PREFIX       prefix of motia's Redis keys, for several apps on one Redis (default: motia)
  MOTIA_ADMIN_TOKEN        opens the /__motia admin endpoints to requests with this bearer token
  MOTIA_LOG_LEVEL          debug, info (default), warn or error
  MOTIA_PYTHON_WORKERS     Python runner processes (--python-workers wins)
  MOTIA_RETRY_BASE_MS      first retry delay of a failed event handler (default 1000, doubling)`

function serveCommand(name: 'run' | 'dev', description: string): Command {
  return new Command(name)
    .description(description)
    .option('-P, --project <dir>', 'project root', process.cwd())
    .option('-p, --port <port>', 'port to listen on (default: PORT or 3000)', parsePort)
    .option('-H, --host <host>', `host to bind (default: ${name === 'dev' ? '127.0.0.1' : '0.0.0.0'})`)
    .option('--memory', 'keep the queue and state in memory instead of .motia/ (nothing survives a restart; wins over Redis settings)')
    .option('--redis <url>', 'run on this Redis, shared with other nodes: redis://[user:password@]host:port[/db] (default: MOTIA_REDIS_URL, or motia.config.ts `redis`)')
    .option('--strict', 'answer 500 when a response does not match its responseSchema; refuse schemas that are neither zod nor JSON Schema')
    .option('--body-limit <size>', 'largest request body, e.g. 1mb (default 1mb)', parseByteSize)
    .option('--stream-buffer-limit <size>', 'unread bytes a stream WebSocket client may have before it is dropped (default 4mb)', parseByteSize)
    .option('--python-workers <n>', 'Python runner processes (default: MOTIA_PYTHON_WORKERS or from the machine)', parsePositiveInt)
    .addHelpText('after', SERVE_ENVIRONMENT)
    // The engine is loaded only by the commands that run it: --help, emit and dlq start fast.
    .action(async (flags: ServeFlags) => (await import('./serve.js')).serve(name, flags))
}

function adminTarget(flags: { port: number; host: string }): AdminTarget {
  return { host: flags.host, port: flags.port, token: process.env.MOTIA_ADMIN_TOKEN || undefined }
}

function adminOptions(command: Command): Command {
  return command
    .addOption(new Option('-p, --port <port>', 'port of the running app').default(Number(process.env.PORT ?? 3000)).argParser(parsePort))
    .option('-H, --host <host>', 'host of the running app', '127.0.0.1')
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
}

export function buildProgram(): Command {
  const program = new Command('motia')
    .description('Run an application of TypeScript, JavaScript and Python steps.')
    .version(pkg.version, '-v, --version')
    // Options after a command are that command's: `generate openapi -v 2.0.0` keeps Motia v0.x's `-v`.
    .enablePositionalOptions()

  program.addCommand(serveCommand('run', 'start the app (binds 0.0.0.0; admin endpoints only with MOTIA_ADMIN_TOKEN)').alias('start'))
  program.addCommand(
    serveCommand('dev', 'start the app for development (binds 127.0.0.1; admin endpoints open to local tools, or with a printed token on another --host)').option(
      '--no-watch',
      'no hot reload: start only when every step loads, as `run` does',
    ),
  )

  program.addCommand(
    adminOptions(new Command('emit'))
      .description('emit an event into a running app')
      .requiredOption('--topic <topic>', 'topic to emit to')
      .requiredOption('--message <json>', 'event data as JSON')
      .action(async (flags: { topic: string; message: string; port: number; host: string }) => {
        let data: unknown
        try {
          data = JSON.parse(flags.message)
        } catch (error) {
          throw new Error(`--message must be JSON: ${(error as Error).message}`)
        }
        print(await callAdmin(adminTarget(flags), 'POST', 'emit', { topic: flags.topic, data }))
      }),
  )

  const dlq = new Command('dlq').description('inspect and replay dead letters of a running app')
  dlq.addCommand(
    adminOptions(new Command('list')).description('list dead letters').action(async (flags: { port: number; host: string }) => {
      print(await callAdmin(adminTarget(flags), 'GET', 'dlq'))
    }),
  )
  dlq.addCommand(
    adminOptions(new Command('replay'))
      .description('put a dead letter (or all of them) back on the queue')
      .argument('[id]', 'dead letter id')
      .option('--all', 'replay every dead letter')
      .action(async (id: string | undefined, flags: { all?: boolean; port: number; host: string }) => {
        if (!id && !flags.all) throw new Error('Give a dead letter id, or --all.')
        const target = adminTarget(flags)
        print(flags.all ? await callAdmin(target, 'POST', 'dlq/replay-all') : await callAdmin(target, 'POST', `dlq/${encodeURIComponent(id!)}/replay`))
      }),
  )
  dlq.addCommand(
    adminOptions(new Command('discard'))
      .description('delete a dead letter')
      .argument('<id>', 'dead letter id')
      .action(async (id: string, flags: { port: number; host: string }) => {
        print(await callAdmin(adminTarget(flags), 'DELETE', `dlq/${encodeURIComponent(id)}`))
      }),
  )
  program.addCommand(dlq)

  program.addCommand(
    new Command('install')
      .description('with Python steps: create .venv with the motia Python package, msgpack and requirements.txt; add .venv and .motia to .gitignore')
      .option('-P, --project <dir>', 'project root', process.cwd())
      .action(async (flags: { project: string }) => {
        const { installProject } = await import('./install.js')
        const { resolve } = await import('node:path')
        await installProject(resolve(flags.project), { log: (line) => process.stdout.write(`${line}\n`) })
      }),
  )
  program.addCommand(
    new Command('generate').description('write files made from the steps').addCommand(
      new Command('openapi')
        .description("write the OpenAPI 3.1 document of the project's API steps")
        .option('-o, --output <file>', 'where to write it', 'openapi.json')
        .option('-t, --title <title>', 'info.title (default: package.json name, else the folder name)')
        .option('-v, --version <version>', 'info.version (default: package.json version, else 0.0.0)')
        .option('-P, --project <dir>', 'project root', process.cwd())
        .action(async (flags: { output: string; title?: string; version?: string; project: string }) => {
          const { generateOpenApi } = await import('./generate-openapi.js')
          await generateOpenApi(flags, (line) => process.stdout.write(`${line}\n`))
        }),
    ),
  )
  program.addCommand(
    new Command('contract')
      .description("print the project's contract as JSON: steps, topics with what every subscriber accepts, streams")
      .option('-P, --project <dir>', 'project root', process.cwd())
      .action(async (flags: { project: string }) => {
        const { printContract } = await import('./contract.js')
        await printContract(flags, (text) => process.stdout.write(text))
      }),
  )
  program.addCommand(
    new Command('generate-types')
      .description('write types.d.ts (Handlers and streams typed from the steps) when it changed')
      .option('-p, --project <dir>', 'project root', process.cwd())
      // -P as in the other commands (where -p is the port).
      .addOption(new Option('-P <dir>').hideHelp())
      .action(async (flags: { project: string; P?: string }) => {
        const { generateTypes } = await import('./generate-types.js')
        await generateTypes({ project: flags.P ?? flags.project }, (line) => process.stdout.write(`${line}\n`))
      }),
  )
  program.addCommand(
    new Command('check')
      .description('check the project for CI: contract contradictions, route clashes, bad schemas, stale generated types, tsc and mypy (exit code 1 on errors)')
      .option('-p, --project <dir>', 'project root', process.cwd())
      // `-P` as in the other commands.
      .addOption(new Option('-P <dir>').hideHelp())
      .option('--json', 'print { errors, warnings, info } as JSON')
      .option('--no-typecheck', 'skip tsc and mypy')
      .action(async (flags: { project: string; P?: string; json?: boolean; typecheck: boolean }) => {
        const { check } = await import('./check.js')
        process.exitCode = await check({ ...flags, project: flags.P ?? flags.project }, (text) => process.stdout.write(text))
      }),
  )
  program.addCommand(
    new Command('create')
      .description('make a new project from a template shipped with motia, then run `npm install` in it')
      .argument('[dir]', 'folder for the project, created when missing; `.` for the current folder (it must be empty)', 'my-motia-app')
      .option('-t, --template <name>', 'typescript, javascript, python or multilang (or starter-typescript, ...)', 'typescript')
      .option('--skip-install', 'do not run `npm install` in the new project (so no `motia install` either)')
      .option('--motia <spec>', 'the `motia` dependency to write in package.json (default: the motia running this command)')
      .action(async (dir: string, flags: { template: string; skipInstall?: boolean; motia?: string }) => {
        const { createProject } = await import('./create.js')
        const { resolve } = await import('node:path')
        await createProject(resolve(dir), { ...flags, log: (line) => process.stdout.write(`${line}\n`) })
      }),
  )
  return program
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv)
  } catch (error) {
    process.stderr.write(`motia: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  }
}
