// `npm run bench`: every bench, one after the other, each in its own process with its default sizes.
// Names pick some: `npm run bench -- chain startup`. A bench prints its own figures and baseline.
//   node --import tsx bench/run.ts [name...]
import { execa } from 'execa'
import { join } from 'node:path'

const BENCHES: Record<string, string> = {
  'event-throughput': 'event-throughput.ts',
  'invoke-overhead': 'invoke-overhead.ts',
  bridge: 'python-bridge/bridge.ts',
  chain: 'python-bridge/chain.ts',
  startup: 'startup.ts',
  backlog: 'backlog.ts',
  'generate-types': 'generate-types.ts',
  reload: 'reload.ts',
  'tracing-overhead': 'tracing-overhead.ts',
  'redis-chain': 'redis-chain.ts',
}

const picked = process.argv.slice(2)
const unknown = picked.filter((name) => !(name in BENCHES))
if (unknown.length > 0) {
  console.error(`Unknown bench ${unknown.join(', ')}: expected some of ${Object.keys(BENCHES).join(', ')}`)
  process.exit(2)
}

let failed = 0
for (const [name, file] of Object.entries(BENCHES)) {
  if (picked.length > 0 && !picked.includes(name)) continue
  const path = join(import.meta.dirname, file)
  console.log(`\n== ${name} (bench/${file})`)
  const result = await execa(process.execPath, ['--import', 'tsx', path], { stdio: 'inherit', reject: false })
  if (result.exitCode !== 0) {
    failed++
    console.log(`== ${name} failed (exit code ${result.exitCode ?? result.signal})`)
  }
}
process.exit(failed > 0 ? 1 : 0)
