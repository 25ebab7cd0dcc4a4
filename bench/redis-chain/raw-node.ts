// The raw BullMQ baseline's TypeScript side, written directly with `bullmq` as a user would by hand: an HTTP server
// whose POST /chain adds a job to `chain.middle` and answers 202; a worker for the middle hop (only with
// `ts`: with `python` the PyPI worker in raw_middle.py takes it); and a worker for `chain.done`, the last hop, that
// prints `chain-done {...}` on stdout. The same shape as motia's chain: three steps, two queues.
//   node --import tsx bench/redis-chain/raw-node.ts <redis-url> <ts|python> <concurrency>
import { createServer } from 'node:http'
import { Queue, Worker, type Job } from 'bullmq'
import { JOB_OPTIONS } from './job-options.js'

const [url, middle, concurrencyArg] = process.argv.slice(2)
const { hostname, port } = new URL(url!)
const connection = { host: hostname, port: Number(port), maxRetriesPerRequest: null }
const concurrency = Number(concurrencyArg)
const now = () => performance.timeOrigin + performance.now()

const middleQueue = new Queue('chain.middle', { connection, defaultJobOptions: JOB_OPTIONS })
const doneQueue = new Queue('chain.done', { connection, defaultJobOptions: JOB_OPTIONS })
const workers: Worker[] = []
if (middle === 'ts') {
  workers.push(new Worker('chain.middle', async (job: Job) => void (await doneQueue.add('chain', job.data)), { connection, concurrency }))
}
workers.push(
  new Worker(
    'chain.done',
    async (job: Job<{ id: number; sentAt: number }>) => {
      process.stdout.write(`chain-done ${JSON.stringify({ id: job.data.id, sentAt: job.data.sentAt, doneAt: now() })}\n`)
    },
    { connection, concurrency },
  ),
)

const server = createServer((req, res) => {
  let body = ''
  req.setEncoding('utf8')
  req.on('data', (chunk: string) => (body += chunk))
  req.on('end', () => {
    middleQueue.add('chain', JSON.parse(body)).then(
      () => res.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":true}'),
      (error: unknown) => res.writeHead(500).end(String(error)),
    )
  })
})
server.listen(0, '127.0.0.1', () => console.log(`raw-node ready ${(server.address() as { port: number }).port}`))

process.once('SIGTERM', async () => {
  server.close()
  await Promise.all([...workers.map((worker) => worker.close()), middleQueue.close(), doneQueue.close()])
  process.exit(0)
})
