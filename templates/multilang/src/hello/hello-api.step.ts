import type { ApiRouteConfig, Handlers } from 'motia'
import { z } from 'zod'

export const config: ApiRouteConfig = {
  type: 'api',
  name: 'HelloAPI',
  description: 'Says hello and hands the greeting to a Python step',
  path: '/hello',
  method: 'GET',
  emits: ['process-greeting'],
  responseSchema: {
    200: z.object({ message: z.string(), status: z.literal('processing'), requestId: z.string() }),
  },
  flows: ['hello-world-flow'],
}

export const handler: Handlers['HelloAPI'] = async (req, { emit, logger, traceId }) => {
  const name = typeof req.queryParams.name === 'string' ? req.queryParams.name : 'World'
  logger.info('Hello requested', { name })
  await emit({ topic: 'process-greeting', data: { requestId: traceId, name } })
  return { status: 200, body: { message: `Hello ${name}!`, status: 'processing', requestId: traceId } }
}
