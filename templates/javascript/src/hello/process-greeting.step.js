import { z } from 'zod'

/** @type {import('motia').EventConfig} */
export const config = {
  type: 'event',
  name: 'ProcessGreeting',
  description: 'Writes the greeting to state, where any step can read it',
  subscribes: ['process-greeting'],
  emits: [],
  input: z.object({ requestId: z.string(), name: z.string() }),
  flows: ['hello-world-flow'],
}

/** @type {import('motia').Handlers['ProcessGreeting']} */
export const handler = async ({ requestId, name }, { logger, state }) => {
  const greeting = { text: `Hello ${name}, from a background step!`, processedAt: new Date().toISOString() }
  await state.set('greetings', requestId, greeting)
  logger.info('Greeting stored', { requestId })
}
