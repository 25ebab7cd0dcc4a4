import { SqliteQueue } from '../../src/adapters/sqlite/index.js'
import { queueContract } from './queue.contract.js'

queueContract({ name: 'SqliteQueue', create: (dir, options) => new SqliteQueue(dir, options) })
