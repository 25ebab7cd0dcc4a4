import type { NoopConfig } from 'motia'

export const config: NoopConfig = {
  type: 'noop',
  name: 'Visitor',
  description: 'Someone asks for a greeting',
  virtualEmits: ['greeting.http'],
  virtualSubscribes: [],
  flows: ['greetings'],
}
