import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { createMockContext, createMockLogger, recordingFn } from '../../src/testing/index.js'
import { REPO } from '../helpers/motia-process.js'

// A handler as users write them: the mocks must record what it did.
async function greet(input: { name: string }, context: ReturnType<typeof createMockContext>): Promise<void> {
  context.logger.info('Greeting', { name: input.name })
  const count = ((await context.state.get<number>('greetings', input.name)) ?? 0) + 1
  await context.state.set('greetings', input.name, count)
  await context.emit({ topic: 'greeted', data: { name: input.name, count } })
}

describe('createMockContext / createMockLogger (v0.x @motiadev/test)', () => {
  it("records calls in a shape vitest's matchers read, with no test runner imported", async () => {
    const context = createMockContext()
    await greet({ name: 'Ada' }, context)
    expect(context.logger.info).toHaveBeenCalledWith('Greeting', { name: 'Ada' })
    expect(context.state.set).toHaveBeenCalledWith('greetings', 'Ada', 1)
    expect(context.emit).toHaveBeenCalledTimes(1)
    expect(context.emit).toHaveBeenCalledWith({ topic: 'greeted', data: { name: 'Ada', count: 1 } })
    expect(context.logger.warn).not.toHaveBeenCalled()
    expect(context.traceId).toBe('mock-trace-id')
  })

  it('lets a test program answers (mockResolvedValue) and forget calls (mockClear)', async () => {
    const context = createMockContext()
    const get = context.state.get as unknown as ReturnType<typeof recordingFn>
    get.mockResolvedValue(41)
    await greet({ name: 'Ada' }, context)
    expect(context.emit).toHaveBeenLastCalledWith({ topic: 'greeted', data: { name: 'Ada', count: 42 } })
    get.mockClear()
    expect(get.mock.calls).toEqual([])
  })

  it('takes overrides (traceId, state functions, emit) and a fn factory such as vi.fn', async () => {
    const emit = vi.fn(async () => undefined)
    const context = createMockContext({ traceId: 't-1', emit, state: { get: async () => 9 as never }, fn: vi.fn })
    await greet({ name: 'Bo' }, context)
    expect(emit).toHaveBeenCalledWith({ topic: 'greeted', data: { name: 'Bo', count: 10 } })
    expect(vi.isMockFunction(context.state.set)).toBe(true)
    expect(context.traceId).toBe('t-1')
  })

  it('gives loggers with debug, info, warn, error and log', () => {
    const logger = createMockLogger()
    logger.log('plain')
    logger.error('bad', { code: 1 })
    expect(logger.log).toHaveBeenCalledWith('plain')
    expect(logger.error).toHaveBeenCalledWith('bad', { code: 1 })
    expect(logger.debug).not.toHaveBeenCalled()
  })

  it('records throws as results, as vi.fn does', () => {
    const fails = recordingFn(() => {
      throw new Error('nope')
    })
    expect(() => fails()).toThrow('nope')
    expect(fails.mock.results).toEqual([{ type: 'throw', value: new Error('nope') }])
    expect(fails).toHaveBeenCalledTimes(1)
  })

  it('imports neither vitest nor jest, so it works under both', () => {
    const dir = join(REPO, 'src/testing')
    for (const file of readdirSync(dir)) {
      expect(readFileSync(join(dir, file), 'utf8'), file).not.toMatch(/from ['"](vitest|jest|@jest\/globals)['"]/)
    }
  })
})
