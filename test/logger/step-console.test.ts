import { describe, expect, it } from 'vitest'
import { captureConsole, withStepConsole } from '../../src/logger/step-console.js'
import type { Logger } from '../../src/types.js'

function recordingOwner() {
  const lines: [string, string][] = []
  const log = (level: string) => (message: string) => void lines.push([level, message])
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') }
  return { owner: { logger }, lines }
}

describe('step console', () => {
  captureConsole()

  it('sends console calls to the step logger, formatted as console does, across awaits and timers', async () => {
    const { owner, lines } = recordingOwner()
    await withStepConsole(owner, async () => {
      console.log('%s has %d items', 'cart', 3, { rush: true })
      await new Promise((resolve) => setTimeout(resolve, 1))
      console.info('info')
      await Promise.resolve()
      console.debug('debug')
      console.warn('warn', [1, 2])
      setImmediate(() => console.error(new Error('late').message))
      await new Promise((resolve) => setImmediate(resolve))
    })
    expect(lines).toEqual([
      ['info', 'cart has 3 items { rush: true }'],
      ['info', 'info'],
      ['debug', 'debug'],
      ['warn', 'warn [ 1, 2 ]'],
      ['error', 'late'],
    ])
  })

  it('keeps concurrent steps apart', async () => {
    const a = recordingOwner()
    const b = recordingOwner()
    const run = (owner: typeof a.owner, name: string) =>
      withStepConsole(owner, async () => {
        for (let i = 0; i < 3; i++) {
          console.log(`${name} ${i}`)
          await new Promise((resolve) => setTimeout(resolve, 1))
        }
      })
    await Promise.all([run(a.owner, 'a'), run(b.owner, 'b')])
    expect(a.lines.map(([, msg]) => msg)).toEqual(['a 0', 'a 1', 'a 2'])
    expect(b.lines.map(([, msg]) => msg)).toEqual(['b 0', 'b 1', 'b 2'])
  })

  it('leaves console alone outside any step', () => {
    const { owner, lines } = recordingOwner()
    withStepConsole(owner, () => undefined)
    console.log('outside')
    expect(lines).toEqual([])
  })
})
