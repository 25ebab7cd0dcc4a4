import { describe, expect, it } from 'vitest'
import { MotiaError, RemoteError } from '../../../src/errors.js'
import { decode } from '../../../src/languages/python/codec.js'
import { Session } from '../../../src/languages/python/session.js'
import type { SessionHandler } from '../../../src/languages/python/session.js'
import type { HelloMessage, Params } from '../../../src/languages/python/protocol.js'

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex')
const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

// The handler is a collaborator of the session: record what reaches it.
function recorder(answer: (method: string, params: Params) => unknown = () => null) {
  const seen: { hellos: HelloMessage[]; calls: [string, Params][]; notes: [string, Params][] } = { hellos: [], calls: [], notes: [] }
  const handler: SessionHandler = {
    onHello: (hello) => seen.hellos.push(hello),
    onCall: (method, params) => (seen.calls.push([method, params]), answer(method, params)),
    onNotify: (method, params) => seen.notes.push([method, params]),
  }
  return { seen, handler }
}

function sessionWithOutbox(answer?: (method: string, params: Params) => unknown) {
  const sent: Uint8Array[] = []
  const { seen, handler } = recorder(answer)
  const session = new Session((frame) => sent.push(frame), handler)
  const lastSent = () => decode(sent.at(-1)!, 4) as Record<string, unknown>
  return { session, sent, seen, lastSent }
}

const tick = () => new Promise((resolve) => setImmediate(resolve))

describe('Session', () => {
  it('sends a call as one length-prefixed frame with ids counted from 1', () => {
    const { session, sent } = sessionWithOutbox()
    void session.call('describe', { file: '/a' })
    void session.call('describe', { file: '/b' })
    // 0000002f: length; 84: map of 4; type=call, id=1, method=describe, params={file: "/a"}
    expect(toHex(sent[0]!)).toBe(
      '0000002f' + '84' + 'a474797065a463616c6c' + 'a2696401' + 'a66d6574686f64a86465736372696265' + 'a6706172616d7381a466696c65a22f61',
    )
    expect((decode(sent[1]!, 4) as { id: number }).id).toBe(2)
  })

  it('resolves a call with the matching result, whatever the order of answers', async () => {
    const { session } = sessionWithOutbox()
    const first = session.call('invoke', {})
    const second = session.call('invoke', {})
    // result id=2 "two", then result id=1 "one"
    session.feed(hex('0000001c 83 a474797065a6726573756c74 a26964 02 a6726573756c74 a374776f'))
    session.feed(hex('0000001c 83 a474797065a6726573756c74 a26964 01 a6726573756c74 a36f6e65'))
    expect(await first).toBe('one')
    expect(await second).toBe('two')
    expect(session.pendingCount).toBe(0)
  })

  it('rejects a call with a RemoteError carrying the wire error', async () => {
    const { session } = sessionWithOutbox()
    const call = session.call('invoke', {})
    const peer = new Session((frame) => session.feed(frame), recorder().handler)
    peer.sendMessage({
      type: 'error',
      id: 1,
      error: { type: 'ValueError', message: 'bad input', traceback: 'Traceback (most recent call last):\n  ...', code: undefined, retryable: true },
    })
    const error = await call.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RemoteError)
    expect((error as RemoteError).name).toBe('ValueError')
    expect((error as RemoteError).message).toBe('bad input')
    expect((error as RemoteError).wire).toEqual({
      type: 'ValueError',
      message: 'bad input',
      traceback: 'Traceback (most recent call last):\n  ...',
      code: undefined,
      retryable: true,
    })
  })

  it('answers the peer\'s calls with the handler\'s value, sync or async', async () => {
    const { session, lastSent } = sessionWithOutbox((method) => (method === 'state.get' ? Promise.resolve({ n: 1 }) : undefined))
    session.feed(
      Buffer.concat([
        frameOf({ type: 'call', id: 7, method: 'state.get', params: { invocation: 1, groupId: 'g', key: 'k' } }),
        frameOf({ type: 'call', id: 8, method: 'state.clear', params: { invocation: 1, groupId: 'g' } }),
      ]),
    )
    expect(lastSent()).toEqual({ type: 'result', id: 8, result: null })
    await tick()
    expect(lastSent()).toEqual({ type: 'result', id: 7, result: { n: 1 } })
  })

  it('answers a failing handler with an error frame in the one wire shape', async () => {
    const { session, lastSent } = sessionWithOutbox(() => {
      throw new MotiaError('E_UNDECLARED_EMIT', 'not declared', { retryable: false })
    })
    session.feed(frameOf({ type: 'call', id: 3, method: 'emit', params: {} }))
    const answer = lastSent() as { error: Record<string, unknown> }
    expect(answer.error.type).toBe('MotiaError')
    expect(answer.error.message).toBe('not declared')
    expect(answer.error.code).toBe('E_UNDECLARED_EMIT')
    expect(answer.error.retryable).toBe(false)
    expect(answer.error.traceback).toBeNull()
  })

  it('hands hello and notify messages to the handler', () => {
    const { session, seen } = sessionWithOutbox()
    session.feed(frameOf({ type: 'hello', protocol: 1, pid: 42, python: '3.11.7', motia: '0.1.0' }))
    session.feed(frameOf({ type: 'notify', method: 'log', params: { invocation: null, level: 'info', message: 'hi', fields: null } }))
    expect(seen.hellos).toEqual([{ type: 'hello', protocol: 1, pid: 42, python: '3.11.7', motia: '0.1.0' }])
    expect(seen.notes).toEqual([['log', { invocation: null, level: 'info', message: 'hi', fields: null }]])
  })

  it('ignores an answer to a call nobody waits for', () => {
    const { session } = sessionWithOutbox()
    expect(() => session.feed(frameOf({ type: 'result', id: 99, result: 1 }))).not.toThrow()
  })

  it('throws a protocol error on an unknown message type or a non-map frame', () => {
    const { session } = sessionWithOutbox()
    expect(() => session.feed(frameOf({ type: 'bogus' }))).toThrow(
      'Protocol error: unknown message type "bogus" (see runners/python/PROTOCOL.md §4).',
    )
    expect(() => session.feed(hex('00000001 2a'))).toThrow('Protocol error: a frame decoded to number, not a map')
  })

  it('fails only the message of a frame whose map keys JS cannot hold (a Python tuple key), not the channel', async () => {
    const { session, lastSent, seen } = sessionWithOutbox()
    const call = session.call('invoke', {})
    // result id=1 {(1, 2): "a"}: a map key that is an array
    const framed = (body: string) => Buffer.concat([hex((hex(body).length + 0x1_0000_0000).toString(16).slice(1)), hex(body)])
    session.feed(framed('83 a474797065 a6726573756c74 a26964 01 a6726573756c74 81 920102 a161'))
    const error = (await call.catch((e: unknown) => e)) as RemoteError
    expect(error.wire.message).toBe('cannot send a dict key of type tuple to the core: keys must be str, int, float, bool or None, as in JSON')
    expect(session.pendingCount).toBe(0)
    // call id=7 emit {b"k": 1}: answered with the same error
    session.feed(framed('84 a474797065 a463616c6c a26964 07 a66d6574686f64 a4656d6974 a6706172616d73 81 c4016b 01'))
    expect(lastSent()).toMatchObject({ type: 'error', id: 7, error: { type: 'TypeError', code: 'E_HANDLER_FAILED', retryable: false } })
    // a notify is passed on with such keys as strings
    session.feed(framed('83 a474797065 a66e6f74696679 a66d6574686f64 a36c6f67 a6706172616d73 81 920102 a161'))
    expect(seen.notes).toEqual([['log', { '1,2': 'a' }]])
    expect(() => session.feed(hex('00000001 c1'))).toThrow()
  })

  it('fails every pending call at once', async () => {
    const { session } = sessionWithOutbox()
    const calls = [session.call('invoke', {}), session.call('describe', {})]
    session.failAll((id, method) => new Error(`${method} ${id} lost`))
    expect(await Promise.all(calls.map((c) => c.catch((e: Error) => e.message)))).toEqual(['invoke 1 lost', 'describe 2 lost'])
    expect(session.pendingCount).toBe(0)
  })

  it('rejects a call whose params cannot be encoded, and keeps nothing pending', async () => {
    const { session, sent } = sessionWithOutbox()
    const error = await session.call('invoke', { n: 2n ** 70n }).catch((e: Error) => e)
    expect(error).toBeInstanceOf(Error)
    expect(sent).toHaveLength(0)
    expect(session.pendingCount).toBe(0)
  })

  it('talks to another Session over bytes in memory, in both directions', async () => {
    let core: Session | undefined
    const runner: Session = new Session((frame) => core!.feed(frame), {
      onHello: () => {},
      onCall: async (method, params) => {
        const got = await runner.call('state.get', { invocation: 1, key: params.key })
        return `${method}:${String(got)}`
      },
      onNotify: () => {},
    })
    core = new Session((frame) => runner.feed(frame), recorder((_m, p) => `value of ${String(p.key)}`).handler)
    expect(await core.call('invoke', { key: 'k' })).toBe('invoke:value of k')
  })
})

function frameOf(message: Record<string, unknown>): Uint8Array {
  const out: Uint8Array[] = []
  new Session((frame) => out.push(frame), recorder().handler).sendMessage(message as never)
  return out[0]!
}
