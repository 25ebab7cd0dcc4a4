// The example's own tests, written as a user would: the whole app booted in-process by the test kit, and
// one handler called by hand. Run them with `npx vitest run` (jest works the same way).
import { fileURLToPath } from 'node:url'
import { createMotiaTester, createStepContext } from 'motia/testing'
import { afterAll, describe, expect, it } from 'vitest'
import { config, handler } from '../steps/greetings/request-greeting.step.js'

const project = fileURLToPath(new URL('..', import.meta.url))
// Inside the motia repository the example shares the repository's .venv; a project of yours has its own
// (`motia install`), found without this line.
const env = { ...process.env, MOTIA_PYTHON: process.env.MOTIA_PYTHON ?? fileURLToPath(new URL('../../../.venv/bin/python', import.meta.url)) }

describe('greetings, end to end: TS API -> Python composer -> TS delivery', () => {
  const tester = createMotiaTester({ project, env })
  afterAll(() => tester.close())

  it('composes a pirate greeting in Python and delivers it', async () => {
    const composed = await tester.watch<{ requestId: string; text: string }>('greeting.composed')
    const response = await tester.post('/greetings', { body: { name: 'Ada', tone: 'pirate' } })
    expect(response.status).toBe(202)
    await tester.waitEvents()

    const { traceId } = response.body
    expect(composed.getCapturedEvents()).toEqual([{ topic: 'greeting.composed', data: { requestId: traceId, text: 'Ahoy Ada! Welcome aboard, matey!' }, traceId }])
    const greeting = await tester.get(`/greetings/${traceId}`)
    expect(greeting.body).toEqual({ name: 'Ada', text: 'Ahoy Ada! Welcome aboard, matey!', status: 'delivered' })
  })

  it('refuses a body that breaks the schema', async () => {
    const response = await tester.post('/greetings', { body: { name: '', tone: 'rude' } })
    expect(response.status).toBe(400)
  })
})

describe('RequestGreeting alone', () => {
  it('emits what the Python composer accepts', async () => {
    const context = await createStepContext(config, { project, env, traceId: 'trace-1' })
    await handler({ body: { name: 'Grace', tone: 'formal' }, headers: {}, pathParams: {}, queryParams: {} } as never, context)
    expect(context.emitted).toEqual([{ topic: 'greeting.requested', data: { name: 'Grace', tone: 'formal', requestId: 'trace-1' }, traceId: 'trace-1' }])
    expect(context.logger.info).toHaveBeenCalledWith('Greeting requested', { name: 'Grace', tone: 'formal' })
  })
})
