// Starts `<python> -u runners/python/runner.py` (PROTOCOL.md §6) and reports its output and its end.
import path from 'node:path'
import { execa } from 'execa'
import type { ResultPromise } from 'execa'
import { LineSplitter } from './line-splitter.js'
import { bundledPythonDir, runnerScript } from './paths.js'

export interface SpawnOptions {
  root: string
  python: string
  env?: NodeJS.ProcessEnv
}

export interface RunnerOutput {
  /** A chunk of frames from the runner's channel. */
  onStdout(chunk: Uint8Array): void
  /** The channel ended (the runner closed it or died). */
  onStdoutEnd(): void
  onStderrLine(line: string): void
  /** Called once, after exit and once both pipes are drained; `spawnError` when it never ran. */
  onEnd(code: number | null, signal: string | null, spawnError?: string): void
}

// A grandchild holding a pipe (a step's subprocess inherits stderr) must not keep a dead runner's
// calls waiting: after exit, the pipes get this long to drain.
const DRAIN_MS = 500

export function spawnRunner({ root, python, env = process.env }: SpawnOptions, output: RunnerOutput): ResultPromise {
  // Project root first (Motia v0.x compat: `from services.x import y`), then the bundled package.
  const pythonPath = [root, bundledPythonDir, env.PYTHONPATH].filter(Boolean).join(path.delimiter)
  const subprocess = execa(python, ['-u', runnerScript], {
    cwd: root,
    env: { ...env, PYTHONPATH: pythonPath },
    extendEnv: false,
    stdin: 'pipe',
    stdout: 'pipe',
    stderr: 'pipe',
    buffer: false,
    reject: false,
    windowsHide: true,
  })
  let exit: { code: number | null; signal: string | null; spawnError?: string } | undefined
  let stdoutEnded = false
  let stderrEnded = false
  let ended = false
  const settle = () => {
    if (ended || !exit || !stdoutEnded || !stderrEnded) return
    ended = true
    output.onEnd(exit.code, exit.signal, exit.spawnError)
  }
  subprocess.stdin.on('error', () => {}) // EPIPE after a crash: the exit reports it
  subprocess.stdout.on('data', (chunk: Uint8Array) => output.onStdout(chunk))
  subprocess.stdout.on('end', () => {
    output.onStdoutEnd()
    stdoutEnded = true
    settle()
  })
  const stderr = new LineSplitter((line) => output.onStderrLine(line))
  subprocess.stderr.on('data', (chunk: Uint8Array) => stderr.push(chunk))
  subprocess.stderr.on('end', () => {
    stderr.end()
    stderrEnded = true
    settle()
  })
  subprocess.on('exit', (code, signal) => {
    exit = { code, signal }
    setTimeout(() => ((stdoutEnded = stderrEnded = true), settle()), DRAIN_MS).unref()
    settle()
  })
  // A spawn failure (ENOENT, EACCES) never emits 'exit'.
  void subprocess.then((result) => {
    if (!result.failed || result.exitCode !== undefined || result.signal !== undefined) return
    exit = { code: null, signal: null, spawnError: (result as { code?: string }).code ?? result.shortMessage }
    stdoutEnded = stderrEnded = true
    settle()
  })
  return subprocess
}
