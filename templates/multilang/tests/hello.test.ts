// Run with `npm test`. Two kinds of test: the whole app started in this process by motia's test kit
// (real HTTP, the real queue, the Python step in its runner), and the TypeScript handler called alone
// with a context that checks its emits against the Python step's input schema.
import { createMotiaTester, createStepContext } from 'motia/testing'
import { afterAll, describe, expect, it } from 'vitest'
import { config, handler } from '../src/hello/hello-api.step'

// Starting the app and its Python runner takes a few seconds: more than vitest's default 5 s per test.
describe('TypeScript API -> Python event -> JavaScript event', { timeout: 60_000 }, () => {
  const tester = createMotiaTester()
  afterAll(() => tester.close())

  it('answers GET /hello, then Python stores the greeting and hands it on', async () => {
    const processed = await tester.watch<{ requestId: string; processedBy: string }>('greeting-processed')
    const response = await tester.get('/hello?name=Ada')
    expect(response.status).toBe(200)
    const { requestId } = response.body
    expect(response.body).toEqual({ message: 'Hello Ada!', status: 'processing', requestId })

    await tester.waitEvents() // until every event is handled, in TypeScript, Python and JavaScript
    expect(processed.getCapturedEvents()).toEqual([{ topic: 'greeting-processed', data: { requestId, processedBy: 'python' }, traceId: requestId }])
    const stored = await tester.get('/__motia/state/greetings') // the app's state, as `motia dev` shows it
    expect(stored.body).toContainEqual({ key: requestId, value: { text: 'Hello Ada, from Python!', processedAt: expect.any(String) } })
  })
})

describe('HelloAPI alone', { timeout: 60_000 }, () => {
  it('emits what the Python step accepts', async () => {
    const context = await createStepContext(config, { traceId: 'trace-1' })
    const response = await handler({ queryParams: { name: 'Grace' }, pathParams: {}, headers: {}, body: undefined, rawBody: '' }, context)
    expect(response).toEqual({ status: 200, body: { message: 'Hello Grace!', status: 'processing', requestId: 'trace-1' } })
    expect(context.emitted).toEqual([{ topic: 'process-greeting', data: { requestId: 'trace-1', name: 'Grace' }, traceId: 'trace-1' }])
  })

  it('refuses data the Python step would reject, as the app does', async () => {
    const context = await createStepContext(config)
    await expect(context.emit({ topic: 'process-greeting', data: { name: 'Grace' } })).rejects.toThrow(
      'does not match the input schema of step "ProcessGreeting"',
    )
  })
})
