// The first module of motia/testing's worker thread (src/testing/kit-thread.ts): tsx's hooks, both of them
// as bin/motia.js registers them, so that step files and motia.config.ts load as under `motia`; then the
// kit's worker module (TypeScript when the kit itself runs from src/).
import { workerData } from 'node:worker_threads'
import { register as registerCjs } from 'tsx/cjs/api'
import { register as registerEsm } from 'tsx/esm/api'

registerCjs()
registerEsm()
await import(workerData.main)
