// A real redis-server (Debian's package, installed by .ci/run) on a free loopback port, for one test file.
import { execa, type ResultPromise } from 'execa'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface RedisServer {
  url: string
  port: number
  /** Stops the server (SIGTERM, no save): clients see the connection refused until `start()`. */
  stop(): Promise<void>
  /** Starts it again on the same port (empty, as nothing is persisted). */
  start(): Promise<void>
  /** Stops it for good and removes its dir: afterAll. */
  close(): Promise<void>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => {
        socket.end()
        resolve()
      })
      socket.once('error', () => {
        socket.destroy()
        if (Date.now() > deadline) reject(new Error(`redis-server did not listen on port ${port} within ${timeoutMs} ms`))
        else setTimeout(attempt, 20)
      })
    }
    attempt()
  })
}

/**
 * Starts `redis-server` on a free port with no persistence, in its own temp dir. Call `close()` in afterAll.
 * `args`: more redis-server options (`['--requirepass', 'secret']`).
 * @example const redis = await startRedisServer(); process.env.MOTIA_REDIS_URL = redis.url
 */
export async function startRedisServer(options: { args?: string[] } = {}): Promise<RedisServer> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'motia-redis-'))
  let child: ResultPromise | undefined
  const start = async () => {
    child = execa('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...(options.args ?? [])], {
      reject: false,
      stdout: 'ignore',
      stderr: 'pipe',
    })
    const exited = child.then((result) => {
      throw new Error(`redis-server exited at start (code ${result.exitCode}): ${String(result.stderr).slice(0, 500)}`)
    })
    await Promise.race([waitForPort(port, 10_000), exited])
    exited.catch(() => {})
  }
  const stop = async () => {
    const running = child
    child = undefined
    if (!running) return
    running.kill('SIGTERM')
    await running
  }
  await start()
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    stop,
    close: async () => {
      await stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
