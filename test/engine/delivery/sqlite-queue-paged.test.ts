// The whole queue contract again with a window of 3 messages in memory: every case crosses page boundaries.
import { SqliteQueue } from '../../../src/engine/delivery/index.js'
import { queueContract } from '../../adapters/queue.contract.js'

queueContract({ name: 'SqliteQueue paging its backlog (memoryWindow 3)', create: (dir, options) => new SqliteQueue(dir, { ...options, memoryWindow: 3 }) })
