import type { HttpRoute } from '../http/server.js'
import { failureResponse } from '../http/failure-response.js'
import type { Step } from '../project/step.js'
import { compileSchema, type Validate } from '../schema/validator.js'
import type { ApiRequest, ApiResponse, ApiRouteMethod } from '../types.js'
import type { ContextServices } from './context.js'
import { deadlineOf } from './deadline.js'
import { invokeStep } from './invoke.js'
import { newTraceId } from './trace-id.js'

const INTERNAL_ERROR = { error: 'Internal server error' }

export interface ApiDispatchOptions {
  /** Answer 500 when a response does not match `responseSchema` (it is always logged). */
  strict: boolean
}

/** An HTTP route for one API step: body validated before the handler runs, response checked after. */
export function apiRoute(step: Step, services: ContextServices, options: ApiDispatchOptions): HttpRoute {
  const deadline = deadlineOf(step, 'api')
  const validateBody = step.config.bodySchema ? compileSchema(step.config.bodySchema) : undefined
  const responseValidators = new Map<string, Validate>()
  for (const [status, schema] of Object.entries(step.config.responseSchema ?? {})) {
    if (schema) responseValidators.set(status, compileSchema(schema))
  }

  const method = step.config.method as ApiRouteMethod
  const path = step.config.path as string
  const { tracer } = services
  const respond = async (request: ApiRequest, traceId: string, spanId: string | undefined): Promise<ApiResponse> => {
      if (validateBody) {
        const issues = validateBody(request.body)
        if (issues) return { status: 400, body: { error: 'Invalid request body', issues } }
      }
      const { context, result } = invokeStep(step, 'api', request, traceId, deadline, services, { spanId, attempt: 1 })
      let response: ApiResponse
      try {
        response = (await result) as ApiResponse
      } catch (error) {
        // Logged here, not by the server, so the line carries the step and the traceId of the request.
        const { message, stack } = error instanceof Error ? error : { message: String(error), stack: undefined }
        context.logger.error(`${step.config.method} ${step.config.path} failed: ${message}`, { error: message, stack })
        return failureResponse(error) ?? { status: 500, body: INTERNAL_ERROR }
      }
      if (!response || typeof response !== 'object' || typeof response.status !== 'number') {
        context.logger.error('API handler returned no response: expected { status, body, headers? }', { returned: String(response) })
        return { status: 500, body: INTERNAL_ERROR }
      }
      const validate = responseValidators.get(String(response.status))
      const issues = validate?.(response.body)
      if (issues) {
        context.logger.error(`Response ${response.status} does not match responseSchema`, { issues })
        if (options.strict) return { status: 500, body: INTERNAL_ERROR }
      }
      return response
  }

  return {
    method,
    path,
    async handle(request: ApiRequest): Promise<ApiResponse> {
      const traceId = newTraceId()
      if (!tracer) return withTraceId(await respond(request, traceId, undefined), traceId)
      const span = tracer.startSpan(traceId, 'http', `${method} ${path}`, undefined, { method, route: path, step: step.name })
      const response = await respond(request, traceId, span.spanId)
      span.attributes.status = response.status
      tracer.endSpan(span, response.status >= 500 ? 'error' : 'ok')
      return withTraceId(response, traceId)
    },
  }
}

// `x-trace-id` finds the trace of a response (`GET /__motia/traces/:traceId`); a handler's own header wins.
function withTraceId(response: ApiResponse, traceId: string): ApiResponse {
  return { ...response, headers: { 'x-trace-id': traceId, ...response.headers } }
}
