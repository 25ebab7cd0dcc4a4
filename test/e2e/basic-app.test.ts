import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFixture, eventually, motiaCli, startMotia, type MotiaProcess } from '../helpers/motia-process.js'

describe('motia dev on a TypeScript app of api, event, cron and noop steps', () => {
  let app: MotiaProcess

  beforeAll(async () => {
    app = await startMotia(copyFixture('basic'), { command: 'dev' })
  })
  afterAll(async () => {
    await app?.stop()
  })

  const post = (path: string, body: string, contentType = 'application/json') =>
    fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body })

  it('runs an API step that emits to an event step, which stores state', async () => {
    const response = await post('/orders', JSON.stringify({ item: 'book', quantity: 2 }))
    expect(response.status).toBe(201)
    const { id } = (await response.json()) as { id: string }
    const order = await eventually(async () => {
      const res = await fetch(`${app.url}/orders/${id}`)
      return res.status === 200 ? await res.json() : undefined
    })
    expect(order).toEqual({ id, item: 'book', quantity: 2 })
  })

  it('answers 400 with the schema errors when the body fails bodySchema', async () => {
    const response = await post('/orders', JSON.stringify({ item: 'book', quantity: -1 }))
    expect(response.status).toBe(400)
    const body = (await response.json()) as { error: string; issues: { path: string; message: string }[] }
    expect(body.error).toBe('Invalid request body')
    expect(body.issues).toContainEqual({ path: '/quantity', message: 'must be > 0' })
  })

  it('answers 400 to malformed JSON and 404 to unknown routes', async () => {
    expect((await post('/orders', '{"item": ')).status).toBe(400)
    const missing = await fetch(`${app.url}/nope`)
    expect(missing.status).toBe(404)
  })

  it('answers 500 without a stack when a handler throws, and keeps serving', async () => {
    const response = await fetch(`${app.url}/misbehave?case=throw`)
    expect(response.status).toBe(500)
    const text = await response.text()
    expect(JSON.parse(text)).toEqual({ error: 'Internal server error' })
    expect(text).not.toContain('boom')
    expect((await fetch(`${app.url}/misbehave`)).status).toBe(200)
  })

  it("logs a throwing handler's failure under its step and traceId, whatever it throws", async () => {
    for (const [which, message] of [
      ['throw', 'GET /misbehave failed: boom from handler'],
      ['throw-string', 'GET /misbehave failed: a plain string'],
    ]) {
      const response = await fetch(`${app.url}/misbehave?case=${which}`)
      expect(response.status).toBe(500)
      expect(await response.json()).toEqual({ error: 'Internal server error' })
      const line = await app.waitForLine((l) => l.msg === message)
      expect(line).toMatchObject({ level: 'error', step: 'Misbehave' })
      expect(line.traceId).toMatch(/^[0-9a-f-]{36}$/)
    }
    const stack = app.lines.find((l) => l.msg === 'GET /misbehave failed: boom from handler')!.stack
    expect(stack).toMatch(/misbehave\.step\.ts/)
  })

  it('logs a rejection nobody awaited (a forgotten `await emit`) and keeps serving', async () => {
    const response = await fetch(`${app.url}/misbehave?case=unawaited`)
    expect(response.status).toBe(200)
    const line = await app.waitForLine((l) => l.msg.startsWith('Unhandled promise rejection'))
    expect(line.level).toBe('error')
    expect(line.msg).toContain('Step "Misbehave" emitted to topic "not.declared", which is not in its `emits`')
    expect(line.msg).toContain('is an `await` missing in a step?')
    expect((await fetch(`${app.url}/misbehave`)).status).toBe(200)
  })

  it('keeps a log line whose fields hold a cycle, and the handler still answers', async () => {
    const response = await fetch(`${app.url}/misbehave?case=log-cycle`)
    expect(response.status).toBe(200)
    const line = await app.waitForLine((l) => l.msg === 'logging a cycle')
    expect(line).toMatchObject({ step: 'Misbehave', order: { id: 'o-1', self: '[Circular]' } })
  })

  it('throws in the handler on an emit to a topic not in `emits`', async () => {
    const body = (await (await fetch(`${app.url}/misbehave?case=undeclared`)).json()) as Record<string, string>
    expect(body.code).toBe('E_UNDECLARED_EMIT')
    expect(body.message).toContain('Step "Misbehave" emitted to topic "not.declared", which is not in its `emits`')
  })

  it("throws in the handler when emitted data fails a subscriber's input schema", async () => {
    const body = (await (await fetch(`${app.url}/misbehave?case=bad-data`)).json()) as Record<string, string>
    expect(body.code).toBe('E_EMIT_VALIDATION')
    expect(body.message).toBe(
      'Data emitted to "order.created" does not match the input schema of step "StoreOrder": must have required property \'item\'; must have required property \'quantity\'; /id must be string',
    )
  })

  it('logs a responseSchema mismatch as an error and still answers outside --strict', async () => {
    const response = await fetch(`${app.url}/misbehave?case=bad-response`)
    expect(response.status).toBe(200)
    const line = await app.waitForLine((l) => l.msg.startsWith('Response 200 does not match responseSchema'))
    expect(line.level).toBe('error')
    expect(line.step).toBe('Misbehave')
  })

  it('answers 500 when a handler returns no response', async () => {
    expect((await fetch(`${app.url}/misbehave?case=nothing`)).status).toBe(500)
  })

  it('retries a failing event step maxRetries times, then lists it as a dead letter', async () => {
    const emitted = await motiaCli(['emit', '--port', String(app.port), '--topic', 'doomed', '--message', '{"n":1}'])
    expect(emitted.exitCode).toBe(0)
    const letters = await eventually(async () => {
      const listed = await motiaCli(['dlq', 'list', '--port', String(app.port)])
      const parsed = JSON.parse(listed.stdout) as { id: string; stepName: string; attempts: number; data: unknown; error: { type: string; message: string } }[]
      const mine = parsed.filter((letter) => letter.stepName === 'AlwaysFails')
      return mine.length > 0 ? mine : undefined
    })
    expect(letters).toHaveLength(1)
    expect(letters[0]).toMatchObject({ stepName: 'AlwaysFails', topic: 'doomed', attempts: 3, data: { n: 1 } })
    expect(letters[0]!.error).toMatchObject({ type: 'TypeError', message: 'cannot handle {"n":1}' })
    const attempts = app.lines.filter((l) => l.step === 'AlwaysFails' && l.msg === 'About to fail')
    expect(attempts).toHaveLength(3)

    const replayed = await motiaCli(['dlq', 'replay', letters[0]!.id, '--port', String(app.port)])
    expect(replayed.exitCode).toBe(0)
    await eventually(async () => (app.lines.filter((l) => l.step === 'AlwaysFails' && l.msg === 'About to fail').length >= 6 ? true : undefined))
    const again = await eventually(async () => {
      const listed = (JSON.parse((await motiaCli(['dlq', 'list', '--port', String(app.port)])).stdout) as { id: string; stepName: string }[]).filter(
        (letter) => letter.stepName === 'AlwaysFails',
      )
      return listed.length === 1 ? listed : undefined
    })
    const discarded = await motiaCli(['dlq', 'discard', again[0]!.id, '--port', String(app.port)])
    expect(discarded.exitCode).toBe(0)
    const left = JSON.parse((await motiaCli(['dlq', 'list', '--port', String(app.port)])).stdout) as { stepName: string }[]
    expect(left.filter((letter) => letter.stepName === 'AlwaysFails')).toEqual([])
  })

  it('delivers a fifo step one message at a time per messageGroupId, in order', async () => {
    const emit = (group: string, n: number) =>
      fetch(`${app.url}/__motia/emit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ topic: 'seq', data: { group, n }, messageGroupId: group }),
      })
    for (let n = 1; n <= 8; n++) {
      expect((await emit('a', n)).status).toBe(200)
      expect((await emit('b', n)).status).toBe(200)
    }
    const expected = [1, 2, 3, 4, 5, 6, 7, 8]
    for (const group of ['a', 'b']) {
      const seen = await eventually(async () => {
        const entries = (await (await fetch(`${app.url}/__motia/state/fifo`)).json()) as { key: string; value: number[] }[]
        const list = entries.find((entry) => entry.key === group)?.value
        return list && list.length === expected.length ? list : undefined
      })
      expect(seen).toEqual(expected)
    }
  })

  it('dead-letters a TypeScript handler that runs past its timeout', async () => {
    const emitted = await motiaCli(['emit', '--port', String(app.port), '--topic', 'ts.hang', '--message', '{"k":"v"}'])
    expect(emitted.exitCode).toBe(0)
    const letter = await eventually(async () => {
      const listed = JSON.parse((await motiaCli(['dlq', 'list', '--port', String(app.port)])).stdout) as { stepName: string; error: { code?: string; message: string } }[]
      return listed.find((l) => l.stepName === 'HangsTs')
    })
    expect(letter.error.code).toBe('E_HANDLER_TIMEOUT')
    expect(letter.error.message).toBe('Step "HangsTs" timed out after 1 s. Raise `infrastructure.handler.timeout` or make the handler faster.')
  })

  it('runs more than ten handlers with a timeout at once without a listener-leak warning', async () => {
    const before = app.lines.filter((l) => l.step === 'HangsTs' && l.msg.startsWith('Handler failed')).length
    for (let i = 0; i < 12; i++) {
      const response = await fetch(`${app.url}/__motia/emit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"topic":"ts.hang","data":{}}' })
      expect(response.status).toBe(200)
    }
    await eventually(async () => (app.lines.filter((l) => l.step === 'HangsTs' && l.msg.startsWith('Handler failed')).length >= before + 12 ? true : undefined))
    expect(app.stderr()).not.toContain('MaxListenersExceededWarning')
  })

  it('refuses an admin emit to a topic no step subscribes to with 422 E_NOT_SUBSCRIBED', async () => {
    const response = await fetch(`${app.url}/__motia/emit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ topic: 'nobody.listens', data: {} }),
    })
    expect(response.status).toBe(422)
    const body = (await response.json()) as { error: string; code: string }
    expect(body.code).toBe('E_NOT_SUBSCRIBED')
    expect(body.error).toMatch(/^No step subscribes to topic "nobody.listens": nothing was stored. Topics with subscribers: .*"order.created"/)
  })

  it('ticks a 6-field cron step every second with a fresh traceId each time', async () => {
    await eventually(async () => (app.lines.filter((l) => l.step === 'Ticker' && l.msg === 'tick').length >= 2 ? true : undefined), 5000)
    const ticks = app.lines.filter((l) => l.step === 'Ticker' && l.msg === 'tick')
    expect(new Set(ticks.map((t) => t.traceId)).size).toBe(ticks.length)
  })

  it('serves the flow graph and warned about a topic nobody subscribes to', async () => {
    const flows = (await (await fetch(`${app.url}/__motia/flows`)).json()) as { id: string; steps: { name: string }[]; edges: unknown[] }[]
    const orders = flows.find((f) => f.id === 'orders')!
    expect(orders.steps.map((s) => s.name).sort()).toEqual(['CreateOrder', 'Customer', 'GetOrder', 'StoreOrder'])
    expect(orders.edges.length).toBeGreaterThan(0)
    expect(app.lines.some((l) => l.level === 'warn' && l.msg.includes('tick.unheard'))).toBe(true)
  })

  it('runs API middleware in order: it may answer early or change the request and the response', async () => {
    const refused = await fetch(`${app.url}/whoami`)
    expect(refused.status).toBe(401)
    expect(refused.headers.get('x-powered-by')).toBe('motia')
    const allowed = await fetch(`${app.url}/whoami`, { headers: { authorization: 'Bearer letmein' } })
    expect(allowed.status).toBe(200)
    expect(await allowed.json()).toEqual({ user: { name: 'ada' } })
    expect(allowed.headers.get('x-powered-by')).toBe('motia')
  })

  it("loads the Motia v0.x motia.config.ts: its Workbench plugin says once that it does nothing", () => {
    const lines = app.lines.filter((l) => l.msg.includes('@motiadev/plugin-states'))
    expect(lines).toMatchObject([
      { level: 'info', step: 'plugin:@motiadev/plugin-states', msg: '@motiadev/plugin-states is a v0.x Workbench plugin: motia\'s Workbench (`motia dev`) has its State view built in, so the plugin does nothing here' },
    ])
  })

  it('writes JSON log lines with time, level, step and traceId', async () => {
    const line = app.lines.find((l) => l.msg === 'Creating order')!
    expect(line).toMatchObject({ level: 'info', step: 'CreateOrder', item: 'book' })
    expect(Date.parse(line.time)).not.toBeNaN()
    expect(line.traceId).toMatch(/^[0-9a-f-]{36}$/)
  })
})

describe('motia run --strict', () => {
  let app: MotiaProcess

  beforeAll(async () => {
    app = await startMotia(copyFixture('basic'), { args: ['--strict', '--memory'] })
  })
  afterAll(async () => {
    await app?.stop()
  })

  it('answers 500 when a response does not match its responseSchema, and logs the issues', async () => {
    const response = await fetch(`${app.url}/misbehave?case=bad-response`)
    expect(response.status).toBe(500)
    expect(await response.json()).toEqual({ error: 'Internal server error' })
    const line = await app.waitForLine((l) => l.msg === 'Response 200 does not match responseSchema')
    expect(line).toMatchObject({ level: 'error', step: 'Misbehave', issues: [{ path: '/ok', message: 'must be boolean' }] })
    expect(line.traceId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('answers responses that match their responseSchema as they are', async () => {
    const ok = await fetch(`${app.url}/misbehave`)
    expect(ok.status).toBe(200)
    expect(await ok.json()).toEqual({ ok: true })
    const created = await fetch(`${app.url}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"item":"pen","quantity":1}' })
    expect(created.status).toBe(201)
  })
})
