import { describe, expect, it } from 'vitest'
import { parseJsonSafely } from '../../src/http/safe-json.js'

describe('parseJsonSafely', () => {
  it('parses ordinary JSON like JSON.parse', () => {
    for (const text of ['{"a":[1,{"b":"c"}]}', '[]', '"s"', '1', 'null', '{"text":"caf\\u00e9"}']) {
      expect(parseJsonSafely(text)).toEqual(JSON.parse(text))
    }
  })

  it('drops __proto__ keys, written plainly or with escapes, at any depth', () => {
    const value = parseJsonSafely('{"a":1,"__proto__":{"x":1},"b":[{"\\u005f\\u005fproto\\u005f\\u005f":{"x":2},"c":3}]}')
    expect(value).toEqual({ a: 1, b: [{ c: 3 }] })
    expect(Object.hasOwn(value as object, '__proto__')).toBe(false)
    expect(Object.assign({}, value)).not.toHaveProperty('x')
  })

  it('drops a constructor object that carries a prototype and keeps other constructor values', () => {
    expect(parseJsonSafely('{"constructor":{"prototype":{"x":1}},"d":{"constructor":{"name":"Foo"}},"e":{"constructor":"str"}}')).toEqual({
      d: { constructor: { name: 'Foo' } },
      e: { constructor: 'str' },
    })
  })

  it('survives deep nesting without recursion', () => {
    const depth = 5_000
    const text = `${'{"n":'.repeat(depth)}{"__proto__":1}${'}'.repeat(depth)}`
    let node = parseJsonSafely(text) as { n?: unknown }
    for (let i = 0; i < depth; i++) node = node.n as { n?: unknown }
    expect(node).toEqual({})
  })

  it('throws a SyntaxError on malformed JSON', () => {
    expect(() => parseJsonSafely('{"a":')).toThrow(SyntaxError)
  })
})
