import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildContract } from '../../src/contract/index.js'
import { loadProjectWithoutApp } from '../../src/engine/project-without-app.js'
import { LogSink } from '../../src/logger/log-sink.js'
import { VENV_PYTHON } from '../helpers/motia-process.js'

const example = resolve(import.meta.dirname, '../../examples/polyglot-app')
const quiet = new LogSink({ level: 'error', pretty: false, output: { write: (data) => data.length } })

describe('buildContract', () => {
  it('describes the example app: a TS API step emitting to a Python subscriber, whose emits a TS step takes', async () => {
    const { steps, streams } = await loadProjectWithoutApp(example, { ...process.env, MOTIA_PYTHON: VENV_PYTHON }, quiet)
    const contract = buildContract(steps, streams)
    expect(contract.steps.map((step) => `${step.name}:${step.type}:${step.language}`)).toEqual([
      'ComposeGreeting:event:python',
      'DeliverGreeting:event:typescript',
      'GetGreeting:api:typescript',
      'GreetingDigest:cron:typescript',
      'RequestGreeting:api:typescript',
      'Visitor:noop:typescript',
    ])
    const requested = contract.topics.find((topic) => topic.topic === 'greeting.requested')
    expect(requested).toMatchObject({ emitters: ['RequestGreeting'], subscribers: ['ComposeGreeting'], fifo: false, payload: { kind: 'schema' } })
    const compose = contract.steps.find((step) => step.name === 'ComposeGreeting')
    expect(requested?.payload).toEqual({ kind: 'schema', schema: compose?.input })
    expect(contract.steps.find((step) => step.name === 'RequestGreeting')?.api).toMatchObject({ method: 'POST', pathParams: [] })
    // The same steps in another order give the same bytes.
    expect(JSON.stringify(buildContract([...steps].reverse(), streams))).toBe(JSON.stringify(contract))
  })
})
