import { MemoryStreamStore } from '../../src/adapters/memory/index.js'
import { streamStoreContract } from './stream-store.contract.js'

streamStoreContract({ name: 'MemoryStreamStore', create: () => new MemoryStreamStore(), durable: false })
