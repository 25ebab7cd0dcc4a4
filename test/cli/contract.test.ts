import { execa } from 'execa'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ProjectContract } from '../../src/contract/index.js'
import { copyFixture, MOTIA_BIN, motiaCli, REPO, VENV_PYTHON } from '../helpers/motia-process.js'

const env = { MOTIA_PYTHON: VENV_PYTHON }

describe('motia contract', () => {
  it('prints the contract of the current folder as JSON on stdout, and nothing else', async () => {
    const dir = copyFixture('polyglot-app', 'examples')
    const result = await execa('node', [MOTIA_BIN, 'contract'], { cwd: dir, env, reject: false })
    expect(result.stderr).toBe('')
    expect(result.exitCode).toBe(0)
    const contract = JSON.parse(result.stdout) as ProjectContract
    expect(contract.steps.map((step) => step.name)).toEqual(['ComposeGreeting', 'DeliverGreeting', 'GetGreeting', 'GreetingDigest', 'RequestGreeting', 'Visitor'])
    const composed = contract.topics.find((topic) => topic.topic === 'greeting.composed')
    expect(composed).toMatchObject({ emitters: ['ComposeGreeting'], subscribers: ['DeliverGreeting'], fifo: false })
    // The TS subscriber's zod input, as JSON Schema: what the Python kit validates a Python emit against.
    expect(composed?.payload).toMatchObject({ kind: 'schema', schema: { type: 'object', required: ['requestId', 'text'] } })
  })

  it('-P names the project: Python steps and streams, fifo subscribers, every subscriber of a topic', async () => {
    const result = await motiaCli(['contract', '-P', join(REPO, 'test/fixtures/apps/python-testkit')], env)
    expect(result.stderr).toBe('')
    expect(result.exitCode).toBe(0)
    const contract = JSON.parse(result.stdout) as ProjectContract
    const placed = contract.topics.find((topic) => topic.topic === 'order.placed')
    expect(placed).toMatchObject({ emitters: ['PlaceOrder'], subscribers: ['BillOrder', 'ShipOrder'], fifo: true })
    expect(contract.steps.find((step) => step.name === 'BillOrder')).toMatchObject({ language: 'python', file: 'steps/bill_order_step.py', fifo: false })
    expect(contract.streams).toEqual([
      { name: 'notes', file: 'steps/notes_stream.py', language: 'python', schema: { type: 'object', properties: { text: { type: 'string' } } } },
    ])
  })

  it('exits 1 with the step problems, and prints no JSON, when the project does not load', async () => {
    const result = await motiaCli(['contract', '-P', join(REPO, 'test/fixtures/apps/broken')], env)
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain('motia: 7 problems in step files:')
    expect(result.stderr).toContain('steps/no-name.step.ts: `name` is missing: set it to a non-empty string')
  })
})
