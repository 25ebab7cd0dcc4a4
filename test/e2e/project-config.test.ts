import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFixture, eventually, motiaCli, startMotia, type LogLine, type MotiaProcess } from '../helpers/motia-process.js'

describe.each(['run', 'dev'] as const)('motia %s on a Motia v0.x project with a motia.config.ts', (command) => {
  let app: MotiaProcess

  beforeAll(async () => {
    app = await startMotia(copyFixture('v0-config'), { command, args: ['--memory'] })
  })
  afterAll(async () => {
    await app?.stop()
  })

  const post = (path: string, body: unknown) =>
    fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

  it('loads the TS config with `require` and `__dirname`, and serves a local plugin route under /__motia/ as an app route', async () => {
    // No admin token and an Origin: an admin route would refuse it (403); an app route answers.
    const response = await fetch(`${app.url}/__motia/todo-tester/health`, { headers: { origin: 'http://example.com' } })
    expect(response.status).toBe(200)
    const body = (await response.json()) as Record<string, unknown>
    expect(body).toMatchObject({ ok: true, greeting: 'hello from v0', dir: 'todo-tester' })
    expect(body.traceId).toMatch(/^[0-9a-f-]{36}$/)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
  })

  it("gives plugin routes the project's state, and loads the plugin's own steps", async () => {
    expect((await post('/__motia/todo-tester/todos', { id: 't1', title: 'write tests' })).status).toBe(201)
    const todo = await fetch(`${app.url}/todo-tester/todos/t1`)
    expect(todo.status).toBe(200)
    expect(await todo.json()).toEqual({ id: 't1', title: 'write tests' })
    expect(app.lines.find((l) => l.msg === 'todo t1 stored')).toMatchObject({ level: 'info', step: 'plugin:todoTesterPlugin' })
  })

  it('turns @motiadev Workbench plugins into no-ops, one info line each', () => {
    const workbench = app.lines.filter((l) => l.msg.includes('is a v0.x Workbench plugin'))
    expect(workbench.map((l) => [l.level, l.msg])).toEqual([
      ['info', '@motiadev/plugin-states is a v0.x Workbench plugin: motia\'s Workbench (`motia dev`) has its State view built in, so the plugin does nothing here'],
      ['info', '@motiadev/plugin-endpoint is a v0.x Workbench plugin: motia\'s Workbench (`motia dev`) has its Endpoints view built in, so the plugin does nothing here'],
    ])
  })

  it('with --memory, says in one line that the configured Redis is not used (memory wins)', () => {
    const redis = app.lines.filter((l) => l.msg.includes('redis'))
    expect(redis.map((l) => [l.level, l.msg])).toEqual([
      ['info', '--memory is set: events, state and streams stay in this process, and the Redis of motia.config.ts `redis` is not used'],
    ])
  })

  it("with compat.undeclaredEmits 'warn', delivers an undeclared emit and warns once per step and topic", async () => {
    expect((await post('/loose', { n: 1 })).status).toBe(202)
    expect((await post('/loose', { n: 2 })).status).toBe(202)
    const received = await eventually(async () => {
      const response = await fetch(`${app.url}/__motia/todo-tester/state/loose/received`)
      const { value } = (await response.json()) as { value: { n: number } | null }
      return value?.n === 2 ? value : undefined
    })
    expect(received).toEqual({ n: 2 })
    const warnings = app.lines.filter((l) => l.msg.includes('delivered anyway'))
    expect(warnings).toMatchObject([
      {
        level: 'warn',
        step: 'LooseEmit',
        msg: 'Step "LooseEmit" emitted to topic "loose.happened", which is not in its `emits`: delivered anyway (compat.undeclaredEmits is \'warn\' in motia.config.ts)',
      },
    ])
  })
})

describe('motia.config.ts plugins at shutdown', () => {
  it('calls onShutdown when the app stops', async () => {
    const app = await startMotia(copyFixture('v0-config'), { args: ['--memory'] })
    await app.stop()
    const messages = app.lines.map((l: LogLine) => l.msg)
    expect(messages).toContain('todo-tester shut down')
    expect(messages.indexOf('todo-tester shut down')).toBeLessThan(messages.indexOf('Stopped'))
  })
})

describe('a motia.config that cannot be loaded', () => {
  const start = (fixture: string) => motiaCli(['run', '--project', copyFixture(fixture, 'test/fixtures/apps/config-errors'), '--port', '0', '--memory'])

  it.each([
    ['throws', 'motia: motia.config.ts:3: could not be loaded: NEVER_SET_API_KEY is not set'],
    ['syntax', 'motia: motia.config.ts:5: could not be loaded: Unexpected "}"'],
    ['type-error', "motia: motia.config.js:3: could not be loaded: TypeError: Cannot read properties of undefined (reading 'plugins')"],
    ['plugin-throws', 'motia: motia.config.ts:6: plugin:payments failed while it was set up: STRIPE_KEY is not set'],
  ])('%s: exits 1 with the file, line and reason, and no stack trace', async (fixture, expected) => {
    const result = await start(fixture)
    expect(result.exitCode).toBe(1)
    const stderr = result.stderr.trim()
    if (typeof expected === 'string') expect(stderr).toBe(expected)
    else expect(stderr).toMatch(expected)
    expect(stderr).not.toMatch(/\n\s+at /)
  })

  it('refuses a config of the wrong shape, listing every problem', async () => {
    const result = await start('bad-shape')
    expect(result.exitCode).toBe(1)
    expect(result.stderr.trim()).toBe(
      [
        'motia: motia.config.ts:',
        '  `plugins[0]` should be a plugin function `(motia) => ({ ... })`, got the string "states"',
        '  `redis.port` should be a port number (1-65535), got the string "six"',
        '  `compat.undeclaredEmits` should be "error" or "warn", got the string "allow"',
      ].join('\n'),
    )
  })
})

describe('an ES module motia.config.mjs', () => {
  let app: MotiaProcess

  beforeAll(async () => {
    app = await startMotia(copyFixture('esm-config'), { args: ['--memory'] })
  })
  afterAll(async () => {
    await app?.stop()
  })

  it('loads with top-level await and @motiadev imports, and serves its plugin route', async () => {
    const response = await fetch(`${app.url}/__motia/esm/greeting`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ greeting: 'hi' })
    expect(app.lines.filter((l) => l.msg.includes('is a v0.x Workbench plugin')).map((l) => l.step)).toEqual([
      'plugin:@motiadev/plugin-logs',
      'plugin:@motiadev/plugin-observability',
    ])
  })

  it('lets steps import values from @motiadev/core', async () => {
    expect((await fetch(`${app.url}/core-import`)).status).toBe(200)
  })

  it('says that v0.x adapter instances are not used and how to run on Redis instead, and names keys it does not know', () => {
    const notices = app.lines.filter((l) => l.level === 'warn' && l.msg.startsWith('motia.config.mjs')).map((l) => l.msg)
    expect(notices).toEqual([
      'motia.config.mjs sets adapters.events: adapter instances (@motiadev/adapter-* packages) are not used by motia. To run on Redis, set `redis: { host, port }` in motia.config.mjs or MOTIA_REDIS_URL instead',
      'motia.config.mjs has keys motia does not know, ignored: theme',
    ])
  })
})
