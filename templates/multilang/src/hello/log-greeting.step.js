import { z } from 'zod'

/** @type {import('motia').EventConfig} */
export const config = {
  type: 'event',
  name: 'LogGreeting',
  description: 'Reads the greeting the Python step stored and logs it',
  subscribes: ['greeting-processed'],
  emits: [],
  input: z.object({ requestId: z.string(), processedBy: z.string() }),
  flows: ['hello-world-flow'],
}

/** @type {import('motia').Handlers['LogGreeting']} */
export const handler = async ({ requestId, processedBy }, { logger, state }) => {
  const greeting = await state.get('greetings', requestId)
  logger.info(`Greeting from ${processedBy}: ${greeting?.text}`, { requestId })
}
