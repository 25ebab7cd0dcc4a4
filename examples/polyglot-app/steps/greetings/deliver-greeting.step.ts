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

// `Handlers['DeliverGreeting']` comes from types.d.ts (`motia generate-types`): `input` is typed from the zod schema.
export const handler: Handlers['DeliverGreeting'] = async ({ requestId, text }, { logger, state }) => {
  const stored = await state.get<{ name: string }>('greetings', requestId)
  // Fails (retried, then dead-lettered) rather than deliver a greeting nobody asked for: the Workbench's
  // Dead letters view replays it once the request is in state.
  if (!stored) throw new Error(`No greeting request ${requestId} in state: nothing to deliver`)
  await state.set('greetings', requestId, { name: stored.name, text, status: 'delivered' })
  logger.info(`Delivered: ${text}`, { requestId })
}
