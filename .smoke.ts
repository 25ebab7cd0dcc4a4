import { PythonLanguage } from './src/languages/python/index.js'
import path from 'node:path'
const root = path.resolve('test/fixtures/python-steps')
const lang = new PythonLanguage({ python: path.resolve('.venv/bin/python'), workers: 2, onLog: (l, m, f) => console.log('LOG', l, m, f) })
const files = ['echo_step.py', 'raises_step.py', 'api_step.py'].map((f) => path.join(root, 'steps', f))
const res = await lang.load(files, { root, env: process.env })
console.log(JSON.stringify(res, null, 1))
const ctx: any = { traceId: 't1', flows: [], streams: {}, logger: console, state: {}, emit: async () => {} }
const step: any = { filePath: files[0], name: 'Echo' }
console.log(await lang.invoke({ step, kind: 'event', input: { a: 1 }, context: ctx, signal: new AbortController().signal }))
try { await lang.invoke({ step: { filePath: files[1], name: 'Raises' } as any, kind: 'event', input: { orderId: 7 }, context: ctx, signal: new AbortController().signal }) } catch (e: any) { console.log('ERR', e.name, e.message, e.wire) }
await lang.close()
