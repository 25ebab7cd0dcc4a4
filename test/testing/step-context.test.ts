import { describe, expect, it } from 'vitest'
import { createStepContext } from '../../src/testing/index.js'
import { copyFixture, VENV_PYTHON } from '../helpers/motia-process.js'
import { config as finishConfig, handler as finishJob } from '../fixtures/apps/testkit/steps/finish-job.step.js'
import { config as requestConfig, handler as requestJob } from '../fixtures/apps/testkit/steps/request-job.step.js'

const request = (body: unknown) => ({ body, headers: {}, pathParams: {}, queryParams: {} }) as never

describe('createStepContext: one handler, emits checked as the app checks them', () => {
  const options = { project: copyFixture('testkit'), env: { ...process.env, MOTIA_PYTHON: VENV_PYTHON } }

  it('records the emits that pass the Python subscriber schema, and the handler answer', async () => {
    const context = await createStepContext(requestConfig, { ...options, traceId: 't-1' })
    const response = await requestJob(request({ name: 'Ada' }), context)
    expect(response).toEqual({ status: 202, body: { traceId: 't-1' }, headers: { 'x-job': 'Ada' } })
    expect(context.emitted).toEqual([{ topic: 'job.requested', data: { name: 'Ada' }, traceId: 't-1' }])
    expect(context.emit).toHaveBeenCalledWith({ topic: 'job.requested', data: { name: 'Ada' } })
  })

  it('fails an emit that breaks the Python subscriber input schema (TS -> Python contract)', async () => {
    const context = await createStepContext(requestConfig, options)
    await expect(requestJob(request({ nom: 'Ada' }), context)).rejects.toMatchObject({
      code: 'E_EMIT_VALIDATION',
      message: expect.stringContaining('Data emitted to "job.requested" does not match the input schema of step "Work"'),
    })
    expect(context.emitted).toEqual([])
  })

  it('fails an emit to a topic the step does not declare', async () => {
    const context = await createStepContext('GetJob', options)
    await expect(context.emit({ topic: 'job.done', data: { text: 'x' } })).rejects.toMatchObject({ code: 'E_UNDECLARED_EMIT' })
  })

  it('keeps state in memory, and records emits to topics nobody subscribes to', async () => {
    const context = await createStepContext(finishConfig, options)
    await finishJob({ text: 'hi' } as never, context)
    expect(await context.state.get('jobs', context.traceId)).toEqual({ text: 'hi' })
    expect(context.emitted.map((event) => event.topic)).toEqual(['job.audited'])
  })

  it('names the known steps when the step is not in the project', async () => {
    await expect(createStepContext('Nope', options)).rejects.toThrow(/^No step named "Nope" in .* \(steps: .*RequestJob.*\)\. Pass the step's config or name/)
  })
})

describe('createStepContext: streams, in memory, one set per context', () => {
  const options = { project: copyFixture('streams'), env: { ...process.env, MOTIA_PYTHON: VENV_PYTHON } }

  it('writes and reads the declared streams, each context its own', async () => {
    const context = await createStepContext('Messages', options)
    expect(await context.streams.messages.set('room', 'm1', { text: 'hi' })).toMatchObject({ id: 'm1', text: 'hi' })
    expect(await context.streams.messages.get('room', 'm1')).toMatchObject({ id: 'm1', text: 'hi' })
    const other = await createStepContext('Messages', options)
    expect(await other.streams.messages.getGroup('room')).toEqual([])
  })

  it('throws, naming the declared streams, for a stream no file declares', async () => {
    const context = await createStepContext('Messages', options)
    expect(() => context.streams.nope).toThrow('No stream named "nope" (declared: ')
  })
})
