import type { EventConfig, Handlers } from 'motia'
import { z } from 'zod'

const inputSchema = z.object({ requestId: z.string(), name: z.string() })

export const config: EventConfig = {
  type: 'event',
  name: 'ProcessGreeting',
  description: 'Writes the greeting to state, where any step can read it',
  subscribes: ['process-greeting'],
  emits: [],
  input: inputSchema, // checked before the handler runs: an emit with other data fails in the emitter
  flows: ['hello-world-flow'],
}

export const handler: Handlers['ProcessGreeting'] = async (input: z.infer<typeof inputSchema>, { logger, state }) => {
  const greeting = { text: `Hello ${input.name}, from a background step!`, processedAt: new Date().toISOString() }
  await state.set('greetings', input.requestId, greeting)
  logger.info('Greeting stored', { requestId: input.requestId })
}
