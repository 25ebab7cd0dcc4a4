import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { NodeLanguage } from '../../src/languages/node/index.js'
import { buildFlows } from '../../src/project/flows.js'
import { loadProject } from '../../src/project/load-project.js'
import { makeStep } from './make-step.js'

describe('buildFlows', () => {
  it('makes one flow per name, with edges by topic between steps of that flow only', () => {
    const steps = [
      makeStep({ type: 'api', name: 'Api', path: '/orders', method: 'POST', emits: ['order.created'], flows: ['orders'], bodySchema: { type: 'object' } }),
      makeStep({ type: 'event', name: 'Charge', subscribes: ['order.created'], emits: [{ topic: 'order.paid', label: 'paid', conditional: true }], flows: ['orders'] }, 'steps/charge_step.py'),
      makeStep({ type: 'event', name: 'Ship', subscribes: ['order.paid'], emits: [], flows: ['orders', 'shipping'] }),
      // Subscribes to order.created too, but in another flow: no edge from Api.
      makeStep({ type: 'event', name: 'Audit', subscribes: ['order.created'], emits: [], flows: ['audit'] }),
      makeStep({ type: 'cron', name: 'Nightly', cron: '0 0 * * *', emits: ['order.paid'], flows: ['shipping'] }),
      makeStep({ type: 'event', name: 'Loner', subscribes: ['order.created'], emits: [] }),
    ]
    const flows = buildFlows(steps)
    expect(flows.map((f) => [f.id, f.name, f.steps.map((s) => s.id)])).toEqual([
      ['audit', 'audit', ['Audit']],
      ['orders', 'orders', ['Api', 'Charge', 'Ship']],
      ['shipping', 'shipping', ['Ship', 'Nightly']],
    ])
    const orders = flows[1]!
    expect(orders.edges).toEqual([
      { id: 'Api->Charge:order.created', source: 'Api', target: 'Charge', data: { variant: 'event', topic: 'order.created', labelVariant: 'default' } },
      {
        id: 'Charge->Ship:order.paid',
        source: 'Charge',
        target: 'Ship',
        data: { variant: 'event', topic: 'order.paid', label: 'paid', labelVariant: 'conditional' },
      },
    ])
    expect(flows[2]!.edges.map((e) => e.id)).toEqual(['Nightly->Ship:order.paid'])
    expect(flows[0]!.edges).toEqual([])
  })

  it('describes each node like Motia v0.x FlowStepResponse', () => {
    const steps = [
      makeStep({ type: 'api', name: 'Api', path: '/orders', method: 'POST', emits: ['a'], virtualSubscribes: ['v'], flows: ['f'], bodySchema: { type: 'object' }, description: 'd' }),
      makeStep({ type: 'event', name: 'Ev', subscribes: ['a'], emits: [], virtualEmits: ['v'], flows: ['f'] }, 'steps/ev_step.py'),
      makeStep({ type: 'cron', name: 'Cr', cron: '* * * * *', emits: [], flows: ['f'] }),
      makeStep({ type: 'noop', name: 'No', virtualEmits: ['a'], virtualSubscribes: ['x'], flows: ['f'] }),
    ]
    const [api, ev, cr, no] = buildFlows(steps)[0]!.steps
    expect(api).toEqual({
      id: 'Api',
      name: 'Api',
      type: 'api',
      description: 'd',
      subscribes: ['v'],
      emits: ['a'],
      virtualEmits: undefined,
      virtualSubscribes: ['v'],
      language: 'typescript',
      filePath: 'steps/Api.step.ts',
      nodeComponentPath: undefined,
      action: 'webhook',
      webhookUrl: 'POST /orders',
      bodySchema: { type: 'object' },
    })
    expect(ev).toMatchObject({ type: 'event', subscribes: ['a'], emits: [], virtualEmits: ['v'], language: 'python', filePath: 'steps/ev_step.py' })
    expect(cr).toMatchObject({ type: 'cron', cronExpression: '* * * * *', emits: [] })
    expect(cr).not.toHaveProperty('action')
    expect(no).toMatchObject({ type: 'noop', emits: [], subscribes: ['x'], virtualEmits: ['a'] })
  })

  it('draws virtual edges, and keeps edges for two topics between one pair apart (v0 ids collided)', () => {
    const steps = [
      makeStep({ type: 'noop', name: 'Button', virtualEmits: [{ topic: 'clicked', label: 'click' }], virtualSubscribes: [], flows: ['f'] }),
      makeStep({ type: 'api', name: 'Api', path: '/a', method: 'GET', emits: ['one', 'two', 'one'], virtualEmits: ['one'], virtualSubscribes: ['clicked'], flows: ['f'] }),
      makeStep({ type: 'event', name: 'Worker', subscribes: ['one', 'two'], emits: [], flows: ['f'] }),
    ]
    expect(buildFlows(steps)[0]!.edges).toEqual([
      { id: 'Button->Api:clicked:virtual', source: 'Button', target: 'Api', data: { variant: 'virtual', topic: 'clicked', label: 'click', labelVariant: 'default' } },
      { id: 'Api->Worker:one', source: 'Api', target: 'Worker', data: { variant: 'event', topic: 'one', labelVariant: 'default' } },
      { id: 'Api->Worker:two', source: 'Api', target: 'Worker', data: { variant: 'event', topic: 'two', labelVariant: 'default' } },
      { id: 'Api->Worker:one:virtual', source: 'Api', target: 'Worker', data: { variant: 'virtual', topic: 'one', labelVariant: 'default' } },
    ])
  })

  it('returns no flows when no step names one', () => {
    expect(buildFlows([makeStep({ type: 'event', name: 'A', subscribes: ['a'], emits: ['a'] })])).toEqual([])
  })

  it('builds the graph of a loaded project, with the sibling .tsx as node component', async () => {
    const steps = await loadProject(resolve(import.meta.dirname, '../fixtures/projects/basic'), [new NodeLanguage()])
    const flows = buildFlows(steps)
    expect(flows.map((f) => [f.id, f.steps.map((s) => s.name)])).toEqual([
      ['maintenance', ['Cleanup']],
      ['users', ['CreateUser', 'Audit', 'SendWelcome', 'SignupButton']],
    ])
    const users = flows[1]!
    expect(users.edges.map((e) => e.id)).toEqual([
      'CreateUser->Audit:user.created',
      'CreateUser->SendWelcome:user.created',
      'SignupButton->CreateUser:signup.clicked:virtual',
    ])
    const button = users.steps.find((s) => s.name === 'SignupButton')!
    expect(button.nodeComponentPath).toBe('steps/noop/start.step.tsx')
    expect(users.steps.find((s) => s.name === 'CreateUser')).toMatchObject({ webhookUrl: 'POST /users/:orgId', filePath: 'steps/api/create-user.step.ts' })
  })
})
