import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createMotiaTester } from '../../src/testing/index.js'
import { copyFixture, VENV_PYTHON } from '../helpers/motia-process.js'

describe('createMotiaTester: the project in-process, real HTTP, a Python step through a real runner', () => {
  const project = copyFixture('testkit')
  const tester = createMotiaTester({ project, env: { ...process.env, MOTIA_PYTHON: VENV_PYTHON } })
  afterAll(() => tester.close())

  it('posts over HTTP and answers status, headers and the parsed body', async () => {
    const response = await tester.post('/jobs', { body: { name: 'Ada' } })
    expect(response.status).toBe(202)
    expect(response.headers['x-job']).toBe('Ada')
    expect(response.body).toEqual({ traceId: expect.any(String) })
    expect(JSON.parse(response.text)).toEqual(response.body)
  })

  it('answers a schema failure as the app does (400 with issues)', async () => {
    const response = await tester.post('/jobs', { body: { name: '' } })
    expect(response.status).toBe(400)
    expect(response.body.issues.map((issue: { path: string }) => issue.path)).toEqual(['/name'])
  })

  it('follows TS API -> Python step -> TS step, watching each topic, until the queue is idle', async () => {
    const requested = await tester.watch('job.requested')
    const done = await tester.watch<{ text: string }>('job.done')
    const audited = await tester.watch('job.audited')
    const { body } = await tester.post('/jobs', { body: { name: 'Grace' } })
    await tester.waitEvents()

    expect(requested.getCapturedEvents()).toEqual([{ topic: 'job.requested', data: { name: 'Grace' }, traceId: body.traceId }])
    expect(done.getLastCapturedEvent()).toEqual({ topic: 'job.done', data: { text: 'done by python for Grace' }, traceId: body.traceId })
    // No step subscribes to job.audited: the watcher sees it all the same.
    expect(audited.getCapturedEvent(0)?.data).toEqual({ text: 'done by python for Grace' })
    // v0.x tests pass a body to get(): it is left out, as GET carries none.
    const job = await tester.get(`/jobs/${body.traceId}`, { body: {} })
    expect(job).toMatchObject({ status: 200, body: { text: 'done by python for Grace' } })
  })

  it('emits from outside any step with a given trace id, checked against the subscriber schema', async () => {
    const done = await tester.watch('job.done')
    await tester.emit({ topic: 'job.requested', data: { name: 'Linus' }, traceId: 'trace-linus' })
    await tester.waitEvents()
    expect(done.getCapturedEvents()).toEqual([{ topic: 'job.done', data: { text: 'done by python for Linus' }, traceId: 'trace-linus' }])
    await expect(tester.emit({ topic: 'job.requested', data: { nom: 'x' } })).rejects.toThrow(
      `Data emitted to "job.requested" does not match the input schema of step "Work"`,
    )
  })

  it('runs in memory: nothing is written under .motia/', () => {
    expect(existsSync(join(project, '.motia'))).toBe(false)
  })

  it('offers the app logger and a sleep', async () => {
    expect(typeof tester.logger.info).toBe('function')
    await tester.sleep(1)
  })
})

describe('createMotiaTester: a project that does not start', () => {
  it('reports the start failure from the first call, and closes cleanly', async () => {
    const tester = createMotiaTester({ project: join(copyFixture('testkit'), 'missing') })
    await expect(tester.get('/jobs/1')).rejects.toThrow(/missing/)
    await tester.close()
  })

  it('refuses a project whose steps do not all load, as `motia run` does (no hot-reload leniency in tests)', async () => {
    const tester = createMotiaTester({ project: copyFixture('broken'), env: { ...process.env, MOTIA_PYTHON: VENV_PYTHON } })
    await expect(tester.get('/anything')).rejects.toThrow(/problems? in step files/)
    await tester.close()
  })
})

describe('createMotiaTester: waitEvents past its deadline', () => {
  it('fails naming the deliveries still held and the option to raise', async () => {
    const tester = createMotiaTester({ project: copyFixture('testkit'), env: { ...process.env, MOTIA_PYTHON: VENV_PYTHON }, waitTimeoutMs: 100 })
    try {
      await tester.emit({ topic: 'job.slow', data: {} })
      await expect(tester.waitEvents()).rejects.toThrow(
        'waitEvents(): 1 event delivery still pending, retrying or running after 100 ms. A handler may hang or keep failing; raise waitTimeoutMs in createMotiaTester() if it is only slow.',
      )
    } finally {
      await tester.close()
    }
  })
})
