import type { ApiRouteConfig, Handlers } from 'motia'
import { z } from 'zod'

export const config: ApiRouteConfig = {
  type: 'api',
  name: 'RequestGreeting',
  description: 'Accepts a greeting request and hands it to the Python writer',
  path: '/greetings',
  method: 'POST',
  emits: ['greeting.requested'],
  virtualSubscribes: ['greeting.http'],
  bodySchema: z.object({
    name: z.string().min(1),
    tone: z.enum(['warm', 'formal', 'pirate']).default('warm'),
  }),
  responseSchema: {
    202: z.object({ traceId: z.string(), status: z.literal('accepted') }),
  },
  flows: ['greetings'],
}

// Typed by types.d.ts: `req.body` from bodySchema, `emit` from what the Python ComposeGreeting accepts.
export const handler: Handlers['RequestGreeting'] = async (req, { emit, logger, traceId }) => {
  const { name, tone = 'warm' } = req.body
  logger.info('Greeting requested', { name, tone })
  await emit({ topic: 'greeting.requested', data: { name, tone, requestId: traceId } })
  return { status: 202, body: { traceId, status: 'accepted' } }
}
