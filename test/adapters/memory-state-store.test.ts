import { MemoryStateStore } from '../../src/adapters/memory/index.js'
import { STATE_DURABILITY_TESTS, stateStoreContract } from './state-store.contract.js'

stateStoreContract({
  name: 'MemoryStateStore',
  create: () => new MemoryStateStore(),
  skip: [{ reason: 'memory state is gone once the store is closed', tests: STATE_DURABILITY_TESTS }],
})
