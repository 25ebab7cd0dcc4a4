import { MemoryQueue } from '../../src/adapters/memory/index.js'
import { DURABILITY_TESTS, queueContract } from './queue.contract.js'

queueContract({
  name: 'MemoryQueue',
  create: (_dir, options) => new MemoryQueue(options),
  skip: [{ reason: 'the memory queue keeps nothing across instances', tests: DURABILITY_TESTS }],
})
