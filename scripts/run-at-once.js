#!/usr/bin/env node
// Runs the named npm scripts at once and waits for all: the checks of `npm run lint` and the Python tests
// are each one single-threaded process, so on two cores they take about as long as the longest instead
// of the sum. Each script's output is printed whole, in the order given, once it is done; exits 1 naming
// the scripts that failed. npm's own lines (`> motia@… lint:ts`, the command) head each output.
//   node scripts/run-at-once.js <npm script>...
import { execa } from 'execa'

const names = process.argv.slice(2)
if (names.length === 0) throw new Error('usage: run-at-once.js <npm script>...')

const runs = names.map((name) => ({ name, result: execa('npm', ['run', name], { reject: false, all: true }) }))

const failed = []
for (const { name, result } of runs) {
  const { all, failed: didFail, exitCode } = await result
  if (all) console.log(all)
  if (didFail) failed.push(`${name} (exit ${exitCode ?? 'by signal'})`)
}
if (failed.length > 0) {
  console.error(`run-at-once: failed: ${failed.join(', ')}`)
  process.exit(1)
}
