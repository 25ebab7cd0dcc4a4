import type { EventConfig, Handlers } from 'motia'
import { z } from 'zod'

export const config: EventConfig = {
  type: 'event',
  name: 'DeliverGreeting',
  description: 'Marks the greeting delivered',
  subscribes: ['greeting.composed'],
  emits: [],
  input: z.object({ requestId: z.string(), text: z.string() }),
  flows: ['greetings'],
}

export const handler: Handlers['DeliverGreeting'] = async (input, { logger, state }) => {
  const { requestId, text } = input as { requestId: string; text: string }
  const stored = await state.get<{ name: string }>('greetings', requestId)
  await state.set('greetings', requestId, { name: stored?.name, text, status: 'delivered' })
  logger.info(`Delivered: ${text}`, { requestId })
}
