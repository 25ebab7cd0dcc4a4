import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFixture, eventually, startMotia, type MotiaProcess } from '../helpers/motia-process.js'

describe('the examples/polyglot-app: TS API -> Python step -> TS step', () => {
  let app: MotiaProcess

  beforeAll(async () => {
    app = await startMotia(copyFixture('polyglot-app', 'examples'), { env: { MOTIA_ADMIN_TOKEN: 'example-token' } })
  })
  afterAll(async () => {
    await app?.stop()
  })

  it('composes the greeting in Python (pydantic input) and delivers it in TypeScript', async () => {
    const response = await fetch(`${app.url}/greetings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ada', tone: 'pirate' }),
    })
    expect(response.status).toBe(202)
    const { traceId, status } = (await response.json()) as { traceId: string; status: string }
    expect(status).toBe('accepted')
    const greeting = await eventually(async () => {
      const body = (await (await fetch(`${app.url}/greetings/${traceId}`)).json()) as { status?: string }
      return body.status === 'delivered' ? body : undefined
    })
    expect(greeting).toEqual({ name: 'Ada', text: 'Ahoy Ada! Welcome aboard, matey!', status: 'delivered' })
    const composed = app.lines.find((l) => l.step === 'ComposeGreeting' && l.msg === 'Greeting composed')!
    expect(composed).toMatchObject({ traceId, requestId: traceId, level: 'info' })
  })

  it('rejects a body that fails the zod bodySchema with 400', async () => {
    const response = await fetch(`${app.url}/greetings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: '', tone: 'rude' }) })
    expect(response.status).toBe(400)
    const body = (await response.json()) as { issues: { path: string }[] }
    expect(body.issues.map((issue) => issue.path).sort()).toEqual(['/name', '/tone'])
  })

  it('draws the greetings flow with the Python step between the TypeScript ones', async () => {
    const response = await fetch(`${app.url}/__motia/flows`, { headers: { authorization: 'Bearer example-token' } })
    const flows = (await response.json()) as { id: string; steps: { name: string; language: string }[]; edges: { source: string; target: string }[] }[]
    const greetings = flows.find((flow) => flow.id === 'greetings')!
    expect(greetings.steps.find((step) => step.name === 'ComposeGreeting')?.language).toBe('python')
    const edges = greetings.edges.map((edge) => `${edge.source}->${edge.target}`)
    expect(edges).toEqual(expect.arrayContaining(['RequestGreeting->ComposeGreeting', 'ComposeGreeting->DeliverGreeting']))
  })
})
