// Loads a project with NodeLanguage in a real Node process, the way the CLI runs, and prints JSON:
// { steps, problems, results } where results holds each step's handler result for a sample call.
// Usage: node --import tsx load-in-child.mjs <root>      (tsx hooks registered by --import)
//        node load-in-child.mjs <root> --register         (this script registers tsx's ESM and CJS hooks)
if (process.argv.includes('--register')) {
  const { register } = await import('tsx/esm/api')
  const { register: registerCjs } = await import('tsx/cjs/api')
  register()
  registerCjs()
}
const { NodeLanguage } = await import('../../../src/languages/node/index.ts')
const { loadProject } = await import('../../../src/project/load-project.ts')

const root = process.argv[2]
const emitted = []
const context = {
  traceId: 'trace-1',
  flows: [],
  logger: { debug() {}, info() {}, warn() {}, error() {} },
  state: {},
  streams: {},
  emit: async (event) => {
    emitted.push(event)
  },
}
const signal = new AbortController().signal
try {
  const steps = await loadProject(root, [new NodeLanguage()])
  const results = {}
  for (const step of steps) {
    if (step.type === 'noop') continue
    const input = step.type === 'api' ? { body: {}, headers: {}, pathParams: {}, queryParams: {}, rawBody: '' } : { who: 'child' }
    results[step.name] = await step.runtime.invoke({ step, kind: step.type, input, context, signal })
  }
  console.log(JSON.stringify({ steps: steps.map((s) => [s.relativePath, s.name, s.language]), problems: [], results, emitted }))
} catch (error) {
  console.log(JSON.stringify({ steps: [], problems: error.problems ?? [{ message: error.message }], results: {}, emitted }))
}
