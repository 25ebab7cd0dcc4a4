import type { CronConfig, FlowContext, Handlers } from 'motia'

export const config: CronConfig = {
  type: 'cron',
  name: 'GreetingDigest',
  description: 'Counts delivered greetings every minute',
  cron: '* * * * *',
  emits: [],
  flows: ['greetings'],
}

export const handler: Handlers['GreetingDigest'] = async ({ logger, state }: FlowContext) => {
  const greetings = await state.getGroup<{ status: string }>('greetings')
  const delivered = greetings.filter((g) => g.status === 'delivered').length
  logger.info('Greeting digest', { total: greetings.length, delivered })
}
