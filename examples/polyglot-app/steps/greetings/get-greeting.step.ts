import type { ApiRouteConfig, Handlers } from 'motia'

export const config: ApiRouteConfig = {
  type: 'api',
  name: 'GetGreeting',
  description: 'Reads a greeting by its request id',
  path: '/greetings/:id',
  method: 'GET',
  emits: [],
  flows: ['greetings'],
}

export const handler: Handlers['GetGreeting'] = async (req, { state }) => {
  const greeting = await state.get('greetings', req.pathParams.id)
  if (!greeting) return { status: 404, body: { error: `No greeting ${req.pathParams.id}` } }
  return { status: 200, body: greeting }
}
