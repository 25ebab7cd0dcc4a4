import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFixture, eventually, startMotia, type MotiaProcess } from '../helpers/motia-process.js'

// TS and Python steps share ctx.streams through a real `motia run`, and the items survive a restart.
describe('streams in a running app', () => {
  let project = ''
  let app: MotiaProcess | undefined

  beforeAll(async () => {
    project = copyFixture('streams')
    app = await startMotia(project)
  })
  afterAll(async () => {
    await app?.stop()
  })

  const call = async (language: 'ts' | 'py', stream: string, group: string, op: string, body: object = {}) => {
    const response = await fetch(`${app!.url}/${language}/${stream}/${group}/${op}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as { result?: unknown; code?: string; message?: string } }
  }
  const marker = (streamName: string, groupId: string, id: string) => ({ type: 'state-stream', streamName, groupId, id })

  it('lets a Python step read what a TypeScript step wrote, and the other way round', async () => {
    const written = await call('ts', 'messages', 'room', 'set', { id: 'm1', data: { text: 'hi', author: 'ada' } })
    expect(written).toEqual({ status: 200, body: { result: { text: 'hi', author: 'ada', id: 'm1', __motia: marker('messages', 'room', 'm1') } } })
    expect((await call('py', 'messages', 'room', 'get', { id: 'm1' })).body.result).toEqual({
      text: 'hi',
      author: 'ada',
      id: 'm1',
      __motia: marker('messages', 'room', 'm1'),
    })

    expect((await call('py', 'notes', 'desk', 'set', { id: 'n1', data: { body: 'first' } })).body.result).toEqual({
      body: 'first',
      id: 'n1',
      __motia: marker('notes', 'desk', 'n1'),
    })
    await call('py', 'notes', 'desk', 'set', { id: 'n2', data: { body: 'second' } })
    await call('ts', 'notes', 'desk', 'set', { id: 'n1', data: { body: 'first, edited' } })
    const group = (await call('ts', 'notes', 'desk', 'getGroup')).body.result as { id: string; body: string }[]
    expect(group.map((item) => [item.id, item.body])).toEqual([
      ['n1', 'first, edited'],
      ['n2', 'second'],
    ])
    expect((await call('py', 'notes', 'desk', 'get_group')).body.result).toEqual(group)
    // getGroup never returns a group whose id merely starts the same.
    expect((await call('py', 'notes', 'des', 'getGroup')).body.result).toEqual([])
  })

  it('deletes, returning the old item, then null', async () => {
    await call('ts', 'counters', 'c', 'set', { id: 'x', data: { value: 1 } })
    expect((await call('py', 'counters', 'c', 'delete', { id: 'x' })).body.result).toEqual({ value: 1, id: 'x', __motia: marker('counters', 'c', 'x') })
    expect((await call('py', 'counters', 'c', 'delete', { id: 'x' })).body.result).toBeNull()
    expect((await call('ts', 'counters', 'c', 'get', { id: 'x' })).body.result).toBeNull()
  })

  it('stores a Python set that the handler never awaited, as Motia v0.x did', async () => {
    expect((await call('py', 'notes', 'later', 'fire-and-forget', { id: 'f1', data: { body: 'unawaited' } })).status).toBe(200)
    const item = await eventually(async () => (await call('ts', 'notes', 'later', 'get', { id: 'f1' })).body.result ?? undefined)
    expect(item).toMatchObject({ body: 'unawaited', id: 'f1' })
  })

  it('names the declared streams when a step asks for another, in TypeScript and in Python', async () => {
    const message = 'No stream named "missing" (declared: "counters", "messages", "notes", "presence"). Declare it in a stream file (*.stream.ts, *_stream.py under steps/ or src/) or fix the name.'
    expect(await call('ts', 'missing', 'g', 'get', { id: 'x' })).toEqual({ status: 500, body: { code: 'E_STEP_CONFIG', message } })
    expect((await call('py', 'missing', 'g', 'get', { id: 'x' })).body.message).toBe("no stream named 'missing' in this project (declared: counters, messages, notes, presence)")
  })

  it('stores a value outside the schema with one warning naming stream, group, id and field', async () => {
    expect((await call('py', 'messages', 'room', 'set', { id: 'bad', data: { text: 5 } })).status).toBe(200)
    const warning = await app!.waitForLine((line) => line.level === 'warn' && line.msg.startsWith('Stream "messages"'))
    expect(warning.msg).toBe(
      'Stream "messages": item "bad" of group "room" does not match the stream\'s schema (/text must be string); stored anyway. Stream schemas are advisory: fix the data or the schema in steps/chat/messages.stream.ts, or run with --strict to refuse such writes. Said once per stream and field.',
    )
    expect((await call('ts', 'messages', 'room', 'get', { id: 'bad' })).body.result).toMatchObject({ text: 5 })
  })

  it('keeps every item, in order, across a restart; with --strict a value outside the schema is refused', async () => {
    expect((await app!.stop()).exitCode).toBe(0)
    app = await startMotia(project, { args: ['--strict'] })
    const group = (await call('py', 'notes', 'desk', 'getGroup')).body.result as { id: string; body: string }[]
    expect(group.map((item) => [item.id, item.body])).toEqual([
      ['n1', 'first, edited'],
      ['n2', 'second'],
    ])
    expect((await call('ts', 'messages', 'room', 'getGroup')).body.result).toHaveLength(2)
    const refused = await call('ts', 'messages', 'room', 'set', { id: 'bad2', data: { text: 5 } })
    expect(refused).toEqual({
      status: 500,
      body: {
        code: 'E_STREAM_VALIDATION',
        message:
          'Stream "messages": item "bad2" of group "room" does not match the stream\'s schema (/text must be string): nothing was stored. Fix the data or the schema in steps/chat/messages.stream.ts.',
      },
    })
    expect((await call('py', 'messages', 'room', 'set', { id: 'bad3', data: { text: 5 } })).body).toMatchObject({ code: 'E_STREAM_VALIDATION' })
    expect((await call('py', 'messages', 'room', 'get', { id: 'bad2' })).body.result).toBeNull()
  })
})
