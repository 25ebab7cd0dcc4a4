import { describe, expect, it } from 'vitest'
import { topicWarnings } from '../../src/project/flows.js'
import { makeStep } from './make-step.js'

describe('topicWarnings', () => {
  it('warns about topics emitted with no subscriber and subscribed with no emitter', () => {
    const steps = [
      makeStep({ type: 'api', name: 'Api', path: '/a', method: 'POST', emits: ['ok', 'lost'] }),
      makeStep({ type: 'cron', name: 'Tick', cron: '* * * * *', emits: ['lost'] }),
      makeStep({ type: 'event', name: 'Worker', subscribes: ['ok', 'never'], emits: [] }, 'steps/worker_step.py'),
    ]
    expect(topicWarnings(steps)).toEqual([
      'Topic "lost" is emitted by "Api" (steps/Api.step.ts), "Tick" (steps/Tick.step.ts) but no step subscribes to it: its events are dropped',
      'Topic "never" is subscribed to by "Worker" (steps/worker_step.py) but no step emits it',
    ])
  })

  it('ignores virtual edges on both sides: they neither send nor receive', () => {
    const steps = [
      makeStep({ type: 'noop', name: 'Button', virtualEmits: ['clicked'], virtualSubscribes: ['done'] }),
      makeStep({ type: 'api', name: 'Api', path: '/a', method: 'POST', emits: [], virtualSubscribes: ['clicked'], virtualEmits: ['done'] }),
      makeStep({ type: 'event', name: 'Worker', subscribes: ['virtual.only'], emits: [] }),
      makeStep({ type: 'event', name: 'Drawer', subscribes: [], emits: [], virtualEmits: ['virtual.only'] }),
    ]
    expect(topicWarnings(steps)).toEqual(['Topic "virtual.only" is subscribed to by "Worker" (steps/Worker.step.ts) but no step emits it'])
  })

  it('has nothing to say about a wired project', () => {
    expect(
      topicWarnings([
        makeStep({ type: 'api', name: 'Api', path: '/a', method: 'POST', emits: [{ topic: 'a', label: 'x' }] }),
        makeStep({ type: 'event', name: 'Worker', subscribes: ['a'], emits: [] }),
      ]),
    ).toEqual([])
  })
})
