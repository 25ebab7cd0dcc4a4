// API middleware around the handler, in config order: each gets (req, ctx, next) and may change `req`
// or answer without calling `next` (Motia v0.x `ApiMiddleware`).
import { MotiaError } from '../../errors.js'
import type { ApiMiddleware, ApiRequest, FlowContext } from '../../types.js'
import type { AnyFunction } from './read-module.js'

export type ApiCall = (req: ApiRequest, ctx: FlowContext) => Promise<unknown>

export function composeMiddleware(middleware: readonly ApiMiddleware[], handler: AnyFunction): ApiCall {
  if (middleware.length === 0) return async (req, ctx) => handler(req, ctx)
  return function runMiddleware(req, ctx) {
    let called = -1
    const dispatch = async (index: number): Promise<unknown> => {
      if (index <= called) {
        const name = middleware[index - 1]?.name || `#${index}`
        throw new MotiaError('E_HANDLER_FAILED', `API middleware ${name} called next() more than once: call it once and return its result`, { retryable: false })
      }
      called = index
      const current = middleware[index]
      if (!current) return handler(req, ctx)
      return current(req, ctx, () => dispatch(index + 1) as ReturnType<Parameters<ApiMiddleware>[2]>)
    }
    return dispatch(0)
  }
}
