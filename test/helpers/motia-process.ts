import { execa, type ResultPromise } from 'execa'
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const REPO = resolve(import.meta.dirname, '../..')
export const MOTIA_BIN = join(REPO, 'bin/motia.js')
export const VENV_PYTHON = join(REPO, '.venv/bin/python')

export interface LogLine {
  time: string
  level: string
  step: string | null
  traceId: string | null
  msg: string
  [field: string]: unknown
}

export interface MotiaProcess {
  url: string
  port: number
  child: ResultPromise
  lines: LogLine[]
  stderr: () => string
  /** Resolves with the first log line matching, waiting up to `timeoutMs`. */
  waitForLine(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>
  stop(signal?: NodeJS.Signals): Promise<{ exitCode?: number; signal?: string }>
}

/**
 * Copies a fixture project into a fresh dir, so `.motia/` state never leaks between tests. The dir is
 * inside the repo so that steps resolve `zod` and `motia` (by self-reference) as a user project would.
 */
export function copyFixture(name: string, from = 'test/fixtures/apps'): string {
  const parent = join(REPO, '.tmp-tests')
  mkdirSync(parent, { recursive: true })
  const dir = mkdtempSync(join(parent, `${name.replace(/\W/g, '-')}-`))
  cpSync(join(REPO, from, name), dir, { recursive: true, filter: (source) => !/[\\/](\.venv|\.motia|node_modules)$/.test(source) })
  return dir
}

/** Runs `motia <command>` as a real child process on a free port and waits until it serves. */
export async function startMotia(
  project: string,
  /** `bin`: an installed `motia` (a project's node_modules/.bin/motia) instead of this checkout's. */
  options: { command?: 'run' | 'dev'; args?: string[]; env?: Record<string, string>; bin?: string } = {},
): Promise<MotiaProcess> {
  const command = options.bin ? [options.bin] : ['node', MOTIA_BIN]
  const child = execa(command[0]!, [...command.slice(1), options.command ?? 'run', '--project', project, '--port', '0', '--host', '127.0.0.1', ...(options.args ?? [])], {
    cwd: project,
    env: { MOTIA_LOG_LEVEL: 'debug', MOTIA_RETRY_BASE_MS: '20', MOTIA_PYTHON: VENV_PYTHON, ...options.env },
    reject: false,
    buffer: false,
  })
  const lines: LogLine[] = []
  let stderr = ''
  const waiters = new Set<() => void>()
  let pending = ''
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString()
    const parts = pending.split('\n')
    pending = parts.pop()!
    for (const part of parts) {
      if (!part.trim()) continue
      try {
        lines.push(JSON.parse(part) as LogLine)
      } catch {
        lines.push({ time: '', level: 'raw', step: null, traceId: null, msg: part })
      }
    }
    for (const wake of waiters) wake()
  })
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  let exited = false
  void child.then(() => {
    exited = true
    for (const wake of waiters) wake()
  })

  const waitForLine = (match: (line: LogLine) => boolean, timeoutMs = 15_000) =>
    new Promise<LogLine>((resolvePromise, reject) => {
      const check = () => {
        const found = lines.find(match)
        if (found) {
          cleanup()
          resolvePromise(found)
        } else if (exited) {
          cleanup()
          reject(new Error(`motia exited before the expected line.\nstderr:\n${stderr}\nstdout:\n${lines.map((l) => JSON.stringify(l)).join('\n')}`))
        }
      }
      const timer = setTimeout(() => {
        cleanup()
        reject(new Error(`Timed out waiting for a log line.\nstderr:\n${stderr}\nstdout:\n${lines.map((l) => JSON.stringify(l)).join('\n')}`))
      }, timeoutMs)
      const cleanup = () => {
        clearTimeout(timer)
        waiters.delete(check)
      }
      waiters.add(check)
      check()
    })

  const ready = await waitForLine((line) => line.msg.startsWith('Ready on '), 30_000)
  const port = Number(/:(\d+)$/.exec(ready.msg)![1])
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    lines,
    stderr: () => stderr,
    waitForLine,
    async stop(signal = 'SIGTERM') {
      child.kill(signal)
      const result = await child
      return { exitCode: result.exitCode, signal: result.signal }
    },
  }
}

/** Runs a one-shot `motia` command (dlq, emit, ...) and returns its output. */
export async function motiaCli(args: string[], env: Record<string, string> = {}) {
  return execa('node', [MOTIA_BIN, ...args], { reject: false, env })
}

/** Polls `probe` until it returns a value other than undefined. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error('Condition not met in time')
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 50))
  }
}
