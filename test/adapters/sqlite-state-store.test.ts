import { SqliteStateStore } from '../../src/adapters/sqlite/index.js'
import { stateStoreContract } from './state-store.contract.js'

stateStoreContract({ name: 'SqliteStateStore', create: (dir) => new SqliteStateStore(dir) })
