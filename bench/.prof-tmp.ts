import { mkdtempSync, cpSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MotiaApp } from '../src/engine/app.js'
import { NodeLanguage } from '../src/languages/node/index.js'
const CHAINS = 20000
const root = mkdtempSync(join(tmpdir(), 'motia-ab-'))
cpSync('bench/fixtures/ts-chain', root, { recursive: true })
const app = new MotiaApp({ root, mode: 'run', port: 0, host: '127.0.0.1', memory: true, logLevel: 'error', languages: [new NodeLanguage()], env: { ...process.env, MOTIA_TRACING: process.argv[2] } })
await app.start(); if (process.argv[3] === 'noop') (app as any).tracer.store.add = () => {}
let done = 0, next = 0
let finish!: () => void
const finished = new Promise<void>((r) => (finish = r))
const launch = () => { const id = next++; void app.emit('chain.start', { id }, `bench-${id}`) }
;(globalThis as any).__chainDone = () => { done++; if (next < CHAINS) launch(); else if (done === CHAINS) finish() }
const t0 = performance.now()
for (let i = 0; i < 500; i++) launch()
await finished
console.log(CHAINS / ((performance.now() - t0) / 1000))
await app.close()
rmSync(root, { recursive: true, force: true })
