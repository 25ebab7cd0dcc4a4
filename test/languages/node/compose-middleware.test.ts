import { describe, expect, it } from 'vitest'
import { MotiaError } from '../../../src/errors.js'
import { composeMiddleware } from '../../../src/languages/node/compose-middleware.js'
import type { ApiMiddleware, ApiRequest } from '../../../src/types.js'
import { recordingContext } from './context.js'

const req = (): ApiRequest => ({ pathParams: {}, queryParams: {}, body: null, headers: {}, rawBody: '' })

describe('composeMiddleware', () => {
  it('runs middleware in order around the handler, each seeing the changes of the previous ones', async () => {
    const order: string[] = []
    const first: ApiMiddleware = async (r, _ctx, next) => {
      order.push('first:before')
      r.seen = ['first']
      const response = await next()
      order.push('first:after')
      return { ...response, headers: { 'x-first': '1' } }
    }
    const second: ApiMiddleware = async (r, _ctx, next) => {
      order.push('second')
      ;(r.seen as string[]).push('second')
      return next()
    }
    const run = composeMiddleware([first, second], async (r: ApiRequest) => {
      order.push('handler')
      return { status: 200, body: r.seen }
    })
    expect(await run(req(), recordingContext().context)).toEqual({ status: 200, body: ['first', 'second'], headers: { 'x-first': '1' } })
    expect(order).toEqual(['first:before', 'second', 'handler', 'first:after'])
  })

  it('lets a middleware answer without calling the handler', async () => {
    let called = false
    const deny: ApiMiddleware = async () => ({ status: 403, body: { error: 'forbidden' } })
    const run = composeMiddleware([deny], async () => {
      called = true
      return { status: 200, body: null }
    })
    expect(await run(req(), recordingContext().context)).toEqual({ status: 403, body: { error: 'forbidden' } })
    expect(called).toBe(false)
  })

  it('passes the context to middleware and handler', async () => {
    const { context } = recordingContext('trace-42')
    const mw: ApiMiddleware = async (_r, ctx, next) => ({ ...(await next()), headers: { trace: ctx.traceId } })
    const run = composeMiddleware([mw], async (_r: ApiRequest, ctx: typeof context) => ({ status: 200, body: ctx.traceId }))
    expect(await run(req(), context)).toEqual({ status: 200, body: 'trace-42', headers: { trace: 'trace-42' } })
  })

  it('propagates errors thrown by middleware (sync or async) and the handler', async () => {
    const syncThrow = (() => {
      throw new Error('sync boom')
    }) as unknown as ApiMiddleware
    await expect(composeMiddleware([syncThrow], async () => null)(req(), recordingContext().context)).rejects.toThrow('sync boom')
    await expect(
      composeMiddleware([async (_r, _c, next) => next()], async () => {
        throw new Error('handler boom')
      })(req(), recordingContext().context),
    ).rejects.toThrow('handler boom')
  })

  it('rejects a middleware that calls next() twice', async () => {
    const twice: ApiMiddleware = async function twice(_r, _c, next) {
      await next()
      return next()
    }
    const error = await composeMiddleware([twice], async () => ({ status: 200, body: null }))(req(), recordingContext().context).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MotiaError)
    expect((error as MotiaError).message).toBe('API middleware twice called next() more than once: call it once and return its result')
  })
})
