import { MemoryQueue } from '../../../src/engine/delivery/index.js'
import { DURABILITY_TESTS, queueContract } from '../../adapters/queue.contract.js'

queueContract({
  name: 'MemoryQueue',
  create: (_dir, options) => new MemoryQueue(options),
  skip: [{ reason: 'the memory queue keeps nothing across instances', tests: DURABILITY_TESTS }],
})
