// A load client in its own process, so it does not share the server's event loop:
// POSTs `total` JSON bodies `{id, sentAt}` to `url` with `concurrency` keep-alive connections.
//   node --import tsx bench/lib/http-load.ts <url> <total> <concurrency>
import { Agent, request } from 'node:http'

const [url, totalArg, concurrencyArg] = process.argv.slice(2)
const total = Number(totalArg)
const concurrency = Number(concurrencyArg)
const agent = new Agent({ keepAlive: true, maxSockets: concurrency })
const target = new URL(url!)
let next = 0
let failures = 0

// Wall-clock milliseconds with sub-ms precision, comparable across processes on one machine.
const now = () => performance.timeOrigin + performance.now()

function fire(): Promise<void> {
  if (next >= total) return Promise.resolve()
  const id = next++
  const body = JSON.stringify({ id, sentAt: now() })
  return new Promise<void>((resolve) => {
    const req = request(
      { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        if (res.statusCode !== 202) failures++
        res.resume()
        res.on('end', resolve)
      },
    )
    req.on('error', () => {
      failures++
      resolve()
    })
    req.end(body)
  }).then(fire)
}

await Promise.all(Array.from({ length: concurrency }, fire))
agent.destroy()
if (failures > 0) {
  process.stderr.write(`${failures} requests failed\n`)
  process.exit(1)
}
