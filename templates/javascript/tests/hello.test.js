// Run with `npm test`. Two kinds of test: the whole app started in this process by motia's test kit
// (real HTTP, the real queue), and one handler called alone with a context that checks its emits.
import { createMotiaTester, createStepContext } from 'motia/testing'
import { afterAll, describe, expect, it } from 'vitest'
import { config as helloConfig, handler as hello } from '../src/hello/hello-api.step.js'
import { config as processConfig, handler as processGreeting } from '../src/hello/process-greeting.step.js'

// Starting the app takes a few seconds: more than vitest's default 5 s per test on a busy machine.
describe('the hello flow, end to end', { timeout: 60_000 }, () => {
  const tester = createMotiaTester()
  afterAll(() => tester.close())

  it('answers GET /hello, then the background step stores the greeting', async () => {
    const greetings = await tester.watch('process-greeting')
    const response = await tester.get('/hello?name=Ada')
    expect(response.status).toBe(200)
    const { requestId } = response.body
    expect(response.body).toEqual({ message: 'Hello Ada!', status: 'processing', requestId })

    await tester.waitEvents() // until every event is handled
    expect(greetings.getCapturedEvents()).toEqual([{ topic: 'process-greeting', data: { requestId, name: 'Ada' }, traceId: requestId }])
    const stored = await tester.get('/__motia/state/greetings') // the app's state, as `motia dev` shows it
    expect(stored.body).toContainEqual({ key: requestId, value: { text: 'Hello Ada, from a background step!', processedAt: expect.any(String) } })
  })
})

describe('one handler at a time', { timeout: 60_000 }, () => {
  it('HelloAPI emits what ProcessGreeting accepts', async () => {
    const context = await createStepContext(helloConfig, { traceId: 'trace-1' })
    const response = await hello({ queryParams: { name: 'Grace' }, pathParams: {}, headers: {}, body: undefined, rawBody: '' }, context)
    expect(response).toEqual({ status: 200, body: { message: 'Hello Grace!', status: 'processing', requestId: 'trace-1' } })
    // Checked as the app checks it: a topic missing from `emits`, or data ProcessGreeting's input refuses, throws.
    expect(context.emitted).toEqual([{ topic: 'process-greeting', data: { requestId: 'trace-1', name: 'Grace' }, traceId: 'trace-1' }])
  })

  it('ProcessGreeting stores the greeting in state', async () => {
    const context = await createStepContext(processConfig)
    await processGreeting({ requestId: 'r-1', name: 'Grace' }, context)
    expect(await context.state.get('greetings', 'r-1')).toEqual({ text: 'Hello Grace, from a background step!', processedAt: expect.any(String) })
    expect(context.logger.info).toHaveBeenCalledWith('Greeting stored', { requestId: 'r-1' })
  })
})
