import { SqliteQueue } from '../../../src/engine/delivery/index.js'
import { queueContract } from '../../adapters/queue.contract.js'

queueContract({ name: 'SqliteQueue', create: (dir, options) => new SqliteQueue(dir, options) })
