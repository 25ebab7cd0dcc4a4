// The Queue contract: every implementation runs these cases; differences are declared as skips with a reason.
import { describe } from 'vitest'
import { caseContext, type CreateQueue, type Skip } from './queue-contract/helpers.js'
import { deliveryCases } from './queue-contract/delivery.js'
import { lifecycleCases } from './queue-contract/lifecycle.js'
import { orderingCases } from './queue-contract/ordering.js'
import { timerCases } from './queue-contract/timers.js'

export type { CreateQueue, QueueTestOptions, Skip } from './queue-contract/helpers.js'

/** Test titles that need a queue that keeps messages across close() and a new instance on the same dir. */
export const DURABILITY_TESTS = [
  'a restart delivers pending, delayed, retrying and unfinished messages, in fifo order',
  'dead letters survive a restart and can be replayed after it',
  'after a restart, messages of a step that no longer subscribes are kept and reported once',
]

export function queueContract(options: { name: string; create: CreateQueue; skip?: Skip[] }): void {
  describe(`Queue contract: ${options.name}`, () => {
    const context = caseContext(options.create, options.skip)
    deliveryCases(context)
    timerCases(context)
    orderingCases(context)
    lifecycleCases(context)
  })
}
