import { SqliteStreamStore } from '../../src/adapters/sqlite/index.js'
import { streamStoreContract } from './stream-store.contract.js'

streamStoreContract({ name: 'SqliteStreamStore', create: (dir) => new SqliteStreamStore(dir), durable: true })
