// runners/python/vectors.json, read in place (PROTOCOL.md §7): decode every vector with the core's
// framing and codec, encode the ones canonical for TS, and check the method list against PROTOCOL.md.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { undeclaredEmit } from '../../src/errors.js'
import type { MotiaError } from '../../src/errors.js'
import { decode, encodeWithRoom } from '../../src/languages/python/codec.js'
import { createDispatcher } from '../../src/languages/python/dispatch.js'
import { FrameDecoder, HEADER_BYTES, writeFrameHeader } from '../../src/languages/python/framing.js'
import { toInvokeParams } from '../../src/languages/python/invoke-params.js'
import { MESSAGE_TYPES, OPERATIONS } from '../../src/languages/python/protocol.js'
import { Session } from '../../src/languages/python/session.js'
import type { Step } from '../../src/project/step.js'
import type { FlowContext } from '../../src/types.js'

interface Vector {
  name: string
  note: string
  direction: 'core->runner' | 'runner->core' | 'either'
  canonical: ('python' | 'ts')[]
  hex: string
  value: unknown
  ts_value?: unknown
  encoded_from?: unknown
  error?: 'truncated' | 'too-large' | 'bad-msgpack' | 'not-a-message'
}

const runnerDir = fileURLToPath(new URL('../../runners/python/', import.meta.url))
const vectors = JSON.parse(readFileSync(path.join(runnerDir, 'vectors.json'), 'utf8')) as Vector[]
const byName = new Map(vectors.map((v) => [v.name, v]))
const protocolMd = readFileSync(path.join(runnerDir, 'PROTOCOL.md'), 'utf8')

const bytesOf = (vector: Vector) => Buffer.from(vector.hex.replace(/ /g, ''), 'hex')
const spaced = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').replace(/(..)(?!$)/g, '$1 ')

// A vector's value as the TS side holds it: {$bin} -> Buffer, {$undefined} -> undefined.
function fromJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromJson)
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value)
    const record = value as Record<string, unknown>
    if (keys.length === 1 && keys[0] === '$bin') return Buffer.from(record.$bin as string, 'hex')
    if (keys.length === 1 && keys[0] === '$undefined') return undefined
    return Object.fromEntries(keys.map((k) => [k, fromJson(record[k])]))
  }
  return value
}

const tsValue = (vector: Vector) => fromJson('ts_value' in vector ? vector.ts_value : vector.value)

function encodeFrame(value: unknown): Uint8Array {
  const frame = encodeWithRoom(value, HEADER_BYTES)
  writeFrameHeader(frame)
  return frame
}

describe('vectors.json', () => {
  it('has unique names and well-formed entries', () => {
    expect(new Set(vectors.map((v) => v.name)).size).toBe(vectors.length)
    for (const vector of vectors) {
      expect(vector.hex, vector.name).toMatch(/^([0-9a-f]{2}( [0-9a-f]{2})*)?$/)
      if (vector.error) expect(vector.canonical, vector.name).toEqual([])
    }
  })

  describe.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, vector) => {
    it('decodes with the core framing and codec', () => {
      const frames: unknown[] = []
      const raw: Uint8Array[] = []
      const decoder = new FrameDecoder((bytes, start, end) => raw.push(bytes.subarray(start, end)))
      if (vector.error === 'too-large') {
        expect(() => decoder.push(bytesOf(vector))).toThrow(/^Frame length \d+ exceeds the maximum of 268435456 bytes/)
        return
      }
      decoder.push(bytesOf(vector))
      if (vector.error === 'truncated') {
        expect(raw).toEqual([])
        expect(decoder.end()?.message).toMatch(/^Truncated frame: the stream ended after /)
        return
      }
      // A length prefix shorter than the data leaves the rest as the start of another frame.
      if (vector.error === undefined) expect(decoder.end()).toBeUndefined()
      expect(raw.length).toBeGreaterThanOrEqual(1)
      if (vector.error === 'bad-msgpack' && !('ts_value' in vector)) {
        expect(() => decode(raw[0]!)).toThrow()
        return
      }
      frames.push(decode(raw[0]!))
      expect(frames[0]).toStrictEqual(tsValue(vector))
      const session = new Session(() => {}, { onHello: () => {}, onCall: () => null, onNotify: () => {} })
      if (vector.error === 'not-a-message') {
        expect(() => session.feed(bytesOf(vector))).toThrow(/^Protocol error: /)
      } else if (vector.direction !== 'either') {
        const message = frames[0] as { type: string; method?: string }
        expect(MESSAGE_TYPES).toContain(message.type)
        if (message.method !== undefined) expect(OPERATIONS).toContain(message.method)
      }
    })

    if (vector.canonical.includes('ts')) {
      it('encodes to the same bytes', () => {
        expect(spaced(encodeFrame(tsValue(vector)))).toBe(vector.hex)
        if ('encoded_from' in vector) expect(spaced(encodeFrame(fromJson(vector.encoded_from)))).toBe(vector.hex)
      })
    }
  })
})

describe('the core writes the vector bytes', () => {
  const step = (filePath: string, name: string) => ({ filePath, name }) as Step
  const context = (traceId: string, flows: string[], streams: string[]) =>
    ({ traceId, flows, streams: Object.fromEntries(streams.map((s) => [s, {}])) }) as unknown as FlowContext

  it('for describe, invoke (event, api, cron), cancel and shutdown', () => {
    const sent: Uint8Array[] = []
    const session = new Session((frame) => sent.push(frame), { onHello: () => {}, onCall: () => null, onNotify: () => {} })
    const call = (method: string, params: object) => void session.call(method, params as Record<string, unknown>).catch(() => {})
    call('describe', { file: '/app/steps/hello_step.py' })
    const event = byName.get('invoke call, event')!.value as { params: { input: unknown } }
    call('invoke', toInvokeParams({ step: step('/app/steps/orders/process_step.py', 'ProcessOrder'), kind: 'event', input: event.params.input, context: context('K3XQ7-1234567', ['orders'], ['orders']) }))
    const api = byName.get('invoke call, api')!.value as { params: { input: unknown } }
    call('invoke', toInvokeParams({ step: step('/app/steps/api_step.py', 'CreateUser'), kind: 'api', input: api.params.input, context: context('K3XQ7-1234568', [], []) }))
    call('invoke', toInvokeParams({ step: step('/app/steps/tick_step.py', 'Tick'), kind: 'cron', input: undefined, context: context('K3XQ7-1234569', [], []) }))
    session.notify('cancel', { id: 2 })
    call('shutdown', { graceMs: 5000 })
    const names = ['describe call', 'invoke call, event', 'invoke call, api', 'invoke call, cron', 'cancel notify', 'shutdown call']
    expect(sent.map(spaced)).toEqual(names.map((name) => byName.get(name)!.hex))
    session.failAll(() => new Error('done'))
  })

  it('for answers to the runner\'s emit and state calls, refusals included', async () => {
    const sent: Uint8Array[] = []
    const values: Record<string, unknown> = { get: { count: 0, paid: false }, getGroup: [{ count: 1 }, 0, ''] }
    const flow = {
      emit: async (event: { topic: string }) => {
        if (event.topic !== 'order.paid') throw undeclaredEmit('ProcessOrder', event.topic, ['order.paid'])
      },
      state: { get: async () => values.get, getGroup: async () => values.getGroup },
    } as unknown as FlowContext
    const dispatcher = createDispatcher((id) => (id === 2 ? flow : undefined), () => {})
    const session = new Session((frame) => sent.push(frame), {
      onHello: () => {},
      onCall: (method, params) => dispatcher.call(method, params),
      onNotify: () => {},
    })
    session.feed(bytesOf(byName.get('emit call')!))
    const refused = (byName.get('emit call')!.value as { params: { event: object } }).params.event
    session.feed(encodeFrame({ type: 'call', id: 1, method: 'emit', params: { invocation: 2, event: { ...refused, topic: 'nope' } } }))
    session.feed(bytesOf(byName.get('state.get call')!))
    session.feed(bytesOf(byName.get('state.getGroup call')!))
    await new Promise((resolve) => setImmediate(resolve))
    const names = ['emit result', 'emit refused', 'state.get result', 'state.getGroup result']
    expect(sent.map(spaced)).toEqual(names.map((name) => byName.get(name)!.hex))
  })

  it('for a call that names an invocation which has ended', () => {
    const sent: Uint8Array[] = []
    const dispatcher = createDispatcher(() => undefined, () => {})
    const session = new Session((frame) => sent.push(frame), { onHello: () => {}, onCall: (method, params) => dispatcher.call(method, params), onNotify: () => {} })
    const event = (byName.get('emit call')!.value as { params: { event: object } }).params.event
    session.feed(encodeFrame({ type: 'call', id: 2, method: 'emit', params: { invocation: 9, event } }))
    expect(sent.map(spaced)).toEqual([byName.get('emit refused, invocation ended')!.hex])
  })
})

describe('PROTOCOL.md', () => {
  const backticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1])

  it('lists the same methods as OPERATIONS, in order', () => {
    const names: string[] = []
    for (const title of ['### Methods the core calls on the runner', '### Methods the runner calls on the core']) {
      const lines = protocolMd.slice(protocolMd.indexOf(title)).split('\n').slice(1)
      const start = lines.findIndex((line) => line.startsWith('|'))
      const end = lines.findIndex((line, i) => i > start && !line.startsWith('|'))
      const rows = lines.slice(start + 2, end) // after the header and the |---| line
      expect(rows.length, title).toBeGreaterThan(0)
      for (const row of rows) names.push(...backticked(row.split('|')[1]!))
    }
    expect(names).toEqual([...OPERATIONS])
  })

  it('lists the same message types as MESSAGE_TYPES, in order', () => {
    const section = protocolMd.slice(protocolMd.indexOf('## 4. Messages'), protocolMd.indexOf('### Methods the core'))
    const rows = section.split('\n').filter((line) => line.startsWith('| `'))
    expect(rows.map((row) => backticked(row)[0])).toEqual([...MESSAGE_TYPES])
  })

  it('states the frame limit the core enforces', () => {
    expect(protocolMd).toContain('at most 256 MiB (268435456)')
    const error = (() => {
      try {
        new FrameDecoder(() => {}).push(Buffer.from('10000001', 'hex'))
      } catch (e) {
        return e as MotiaError
      }
    })()
    expect(error?.code).toBe('E_RUNNER_PROTOCOL')
  })
})
