import { describe, expect, it } from 'vitest'
import { formatPretty } from '../../src/logger/format.js'
import { parseLogLevel } from '../../src/logger/levels.js'
import { LogSink } from '../../src/logger/log-sink.js'
import { createLogger } from '../../src/logger/logger.js'

function capture(level: Parameters<typeof parseLogLevel>[0], pretty = false) {
  const written: string[] = []
  const output = {
    write(data: Uint8Array) {
      written.push(Buffer.from(data).toString())
      return data.length
    },
  }
  const sink = new LogSink({ level: parseLogLevel(level), pretty, output })
  return { sink, lines: () => (sink.flush(), written.join('').split('\n').filter(Boolean)) }
}

describe('logger', () => {
  it('writes JSON lines with time, level, step, traceId, message and fields', () => {
    const { sink, lines } = capture('info')
    createLogger(sink, { step: 'Orders', traceId: 't-1' }).info('stored', { id: 7 })
    const [line] = lines().map((text) => JSON.parse(text) as Record<string, unknown>)
    expect(line).toMatchObject({ level: 'info', step: 'Orders', traceId: 't-1', msg: 'stored', id: 7 })
    expect(Date.parse(line!.time as string)).not.toBeNaN()
  })

  it('drops lines below MOTIA_LOG_LEVEL', () => {
    const { sink, lines } = capture('warn')
    const logger = createLogger(sink, { step: 'S' })
    logger.debug('d')
    logger.info('i')
    logger.warn('w')
    logger.error('e')
    expect(lines().map((text) => (JSON.parse(text) as { msg: string }).msg)).toEqual(['w', 'e'])
  })

  it('wraps a non-object second argument as { data } (Motia v0.x compat) and keeps core fields', () => {
    const { sink, lines } = capture('debug')
    const logger = createLogger(sink, { step: 'S', traceId: 't' })
    logger.info('number', 42)
    logger.info('clash', { step: 'spoofed', level: 'error' })
    logger.error('failed', new Error('disk full'))
    const [number, clash, failed] = lines().map((text) => JSON.parse(text) as Record<string, unknown>)
    expect(number).toMatchObject({ data: 42 })
    expect(clash).toMatchObject({ step: 'S', level: 'info' })
    expect(failed!.error).toMatchObject({ name: 'Error', message: 'disk full' })
  })

  it('keeps the line when fields hold a cycle, a throwing getter or a throwing toJSON', () => {
    for (const pretty of [false, true]) {
      const { sink, lines } = capture('info', pretty)
      const logger = createLogger(sink, { step: 'S', traceId: 't' })
      const order: Record<string, unknown> = { id: 1, tags: ['a'] }
      order.self = order
      order.list = [order, { shared: order.tags }]
      expect(() => logger.info('circular', { order, n: 10n })).not.toThrow()
      const getter = { get boom(): never { throw new Error('getter failed') } }
      expect(() => logger.warn('getter', { getter })).not.toThrow()
      expect(() => logger.warn('top-level getter', getter)).not.toThrow()
      const badJson = { toJSON: () => { throw new Error('toJSON failed') } }
      expect(() => logger.error('toJSON', { badJson, id: 2 })).not.toThrow()
      const written = lines()
      expect(written).toHaveLength(4)
      if (pretty) continue
      const [circular, getterLine, topLevel, toJsonLine] = written.map((text) => JSON.parse(text) as Record<string, unknown>)
      expect(circular).toMatchObject({ msg: 'circular', n: '10', order: { id: 1, tags: ['a'], self: '[Circular]', list: ['[Circular]', { shared: ['a'] }] } })
      expect(getterLine).toMatchObject({ msg: 'getter', step: 'S', traceId: 't', fieldsError: 'getter failed' })
      expect(topLevel).toMatchObject({ msg: 'top-level getter', fieldsError: 'getter failed' })
      expect(toJsonLine).toMatchObject({ msg: 'toJSON', level: 'error', fieldsError: 'toJSON failed' })
    }
  })

  it('shows a non-string message instead of [object Object]', () => {
    const { sink, lines } = capture('info')
    const logger = createLogger(sink, { step: 'S' })
    logger.info({ user: 'ada' } as never)
    logger.info(42 as never)
    logger.info(new RangeError('too far') as never)
    expect(lines().map((text) => (JSON.parse(text) as { msg: string }).msg)).toEqual(['{"user":"ada"}', '42', 'RangeError: too far'])
  })

  it('accepts warning and critical as level names and rejects unknown ones with the accepted list', () => {
    expect(parseLogLevel('WARNING')).toBe('warn')
    expect(parseLogLevel('critical')).toBe('error')
    expect(() => parseLogLevel('loud')).toThrow('Expected MOTIA_LOG_LEVEL to be one of debug, info, warn, error, got `loud`')
  })

  it('formats a pretty line with level, step, traceId and fields for a terminal', () => {
    const text = formatPretty({ time: Date.UTC(2026, 0, 1, 12, 0, 0), level: 'warn', msg: 'slow', step: 'S', traceId: 't-9', fields: { ms: 12 } })
    // eslint-disable-next-line no-control-regex
    const plain = text.replace(/\x1b\[[0-9;]*m/g, '')
    expect(plain).toBe('12:00:00.000 WARN  S t-9 slow {"ms":12}')
  })
})
