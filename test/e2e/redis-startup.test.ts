// Starting on a Redis that cannot be used: one clear line on stderr, exit code 1, no stack trace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFixture, motiaCli, startMotia } from '../helpers/motia-process.js'
import { freePort, startRedisServer, type RedisServer } from '../helpers/redis-server.js'

const run = (project: string, args: string[] = [], env: Record<string, string> = {}) =>
  motiaCli(['run', '--project', project, '--port', '0', '--host', '127.0.0.1', ...args], env)

function expectOneLine(result: { exitCode?: number; stderr: string }, expected: string | RegExp) {
  expect(result.exitCode).toBe(1)
  const stderr = result.stderr.trim()
  if (typeof expected === 'string') expect(stderr).toBe(expected)
  else expect(stderr).toMatch(expected)
  expect(stderr.split('\n')).toHaveLength(1)
}

describe('motia run on a Redis it cannot use', () => {
  let guarded: RedisServer
  let project: string

  beforeAll(async () => {
    guarded = await startRedisServer({ args: ['--requirepass', 'right-password'] })
    project = copyFixture('redis-config')
  })
  afterAll(async () => {
    await guarded?.close()
  })

  it('a closed port (MOTIA_REDIS_URL): connection refused, and what to check', async () => {
    const port = await freePort()
    const result = await run(project, [], { MOTIA_REDIS_URL: `redis://127.0.0.1:${port}` })
    expectOneLine(result, `motia: Could not use the Redis of MOTIA_REDIS_URL (redis://127.0.0.1:${port}): connection refused. Is redis-server running on that host and port?`)
  })

  it('a closed port (motia.config.ts `redis`): the message names the config', async () => {
    const port = await freePort()
    const result = await run(project, [], { TEST_REDIS_PORT: String(port) })
    expectOneLine(result, `motia: Could not use the Redis of motia.config.ts \`redis\` (redis://127.0.0.1:${port}/0): connection refused. Is redis-server running on that host and port?`)
  })

  it('a wrong password, or none, for a Redis that requires one: the credentials were refused (the password is never printed)', async () => {
    const wrong = await run(project, ['--redis', `redis://:wrong-password@127.0.0.1:${guarded.port}`])
    expectOneLine(
      wrong,
      `motia: Could not use the Redis of --redis (redis://127.0.0.1:${guarded.port}): the credentials were refused (WRONGPASS invalid username-password pair or user is disabled.). Check the user name and password.`,
    )
    expect(wrong.stderr).not.toContain('wrong-password')
    const none = await run(project, [], { TEST_REDIS_PORT: String(guarded.port) })
    expectOneLine(none, `motia: Could not use the Redis of motia.config.ts \`redis\` (redis://127.0.0.1:${guarded.port}/0): the credentials were refused (NOAUTH Authentication required.). Check the user name and password.`)
  })

  it('a URL that is not a Redis URL', async () => {
    expectOneLine(await run(project, [], { MOTIA_REDIS_URL: 'http://127.0.0.1:6390' }), 'motia: MOTIA_REDIS_URL should start with redis:// or rediss://, got "http://".')
    expectOneLine(await run(project, ['--redis', 'localhost']), 'motia: --redis is not a URL: expected redis://[user:password@]host:port[/db], got "localhost".')
    expectOneLine(
      await run(project, [], { MOTIA_REDIS_URL: 'redis://127.0.0.1:6390/main' }),
      'motia: MOTIA_REDIS_URL names database "main": the path should be a database number (redis://host:6379/0).',
    )
  })

  it('a host name that does not resolve', async () => {
    const result = await run(project, [], { MOTIA_REDIS_URL: 'redis://no-such-host.invalid:6390' })
    expectOneLine(result, /^motia: Could not use the Redis of MOTIA_REDIS_URL \(redis:\/\/no-such-host\.invalid:6390\): the host name does not resolve \(getaddrinfo (ENOTFOUND|EAI_AGAIN) no-such-host\.invalid\)\.$/)
  })

  it('the right password in motia.config.ts: the app starts on that Redis and says so in one line', async () => {
    const app = await startMotia(project, { env: { TEST_REDIS_PORT: String(guarded.port), TEST_REDIS_PASSWORD: 'right-password' } })
    try {
      expect((await fetch(`${app.url}/ping`)).status).toBe(200)
      expect(app.lines.filter((line) => line.msg.includes('Redis')).map((line) => [line.level, line.msg])).toEqual([
        ['info', `Events, state and streams on Redis (redis://:***@127.0.0.1:${guarded.port}/0, from motia.config.ts \`redis\`)`],
      ])
    } finally {
      await app.stop()
    }
  })
})
