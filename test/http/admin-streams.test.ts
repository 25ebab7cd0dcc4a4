// The streams viewer's endpoints, over a real server and real AppStreams.
import { describe, expect, it } from 'vitest'
import { MemoryStreamStore } from '../../src/adapters/memory/index.js'
import { streamsAdmin } from '../../src/engine/admin-data.js'
import type { Language } from '../../src/languages/language.js'
import { AppStreams } from '../../src/streams/app-streams.js'
import type { StreamDefinition } from '../../src/streams/stream-definition.js'
import { arrayAdmin } from './array-admin.js'
import { serverPerTest } from './helpers.js'

const serve = serverPerTest()

const definition = (name: string): StreamDefinition => ({
  name,
  filePath: `/app/steps/${name}.stream.ts`,
  relativePath: `steps/${name}.stream.ts`,
  language: 'typescript',
  schema: null,
  hasCanAccess: false,
  runtime: {} as Language,
})

describe('stream endpoints', () => {
  it('lists streams with their group counts, a stream\'s groups, and a group\'s items in creation order', async () => {
    const streams = new AppStreams([definition('messages'), definition('empty')], new MemoryStreamStore(), { strict: false, warn: () => {}, onListenerError: () => {} })
    const { base } = await serve({ admin: { ...arrayAdmin().api, ...streamsAdmin(() => streams) }, adminAccess: { open: true } })
    const messages = streams.streams.messages!
    await messages.set('room/1 é', 'b', { text: 'second id, first written' })
    await messages.set('room/1 é', 'a', { text: 'then this' })
    await messages.set('lobby', 'x', { text: 'hi' })

    expect(await (await fetch(`${base}/__motia/streams`)).json()).toEqual([
      { name: 'messages', groups: 2 },
      { name: 'empty', groups: 0 },
    ])
    expect(await (await fetch(`${base}/__motia/streams/messages`)).json()).toEqual(['lobby', 'room/1 é'])
    expect(await (await fetch(`${base}/__motia/streams/empty`)).json()).toEqual([])
    const items = await (await fetch(`${base}/__motia/streams/messages/${encodeURIComponent('room/1 é')}`)).json()
    expect(items).toEqual([
      { text: 'second id, first written', id: 'b' },
      { text: 'then this', id: 'a' },
    ])
    expect(await (await fetch(`${base}/__motia/streams/messages/nobody`)).json()).toEqual([])
  })

  it('answers 404 naming the streams for an unknown stream, and lists none before streams are loaded', async () => {
    const streams = new AppStreams([definition('messages')], new MemoryStreamStore(), { strict: false, warn: () => {}, onListenerError: () => {} })
    let current: AppStreams | undefined
    const { base } = await serve({ admin: { ...arrayAdmin().api, ...streamsAdmin(() => current) }, adminAccess: { open: true } })
    expect(await (await fetch(`${base}/__motia/streams`)).json()).toEqual([])
    current = streams
    for (const path of ['/__motia/streams/nope', '/__motia/streams/nope/g']) {
      const response = await fetch(`${base}${path}`)
      expect(response.status).toBe(404)
      expect(await response.json()).toEqual({ error: 'No stream "nope". Streams: "messages".', stream: 'nope' })
    }
  })
})
