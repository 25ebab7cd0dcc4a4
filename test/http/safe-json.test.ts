import { describe, expect, it } from 'vitest'
import { JsonBodyError, parseJsonSafely } from '../../src/http/safe-json.js'

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

  it('refuses nesting deeper than the bound without recursion, whatever the depth', () => {
    const depth = 5_000
    const text = `${'{"n":'.repeat(depth)}{"__proto__":1}${'}'.repeat(depth)}`
    expect(() => parseJsonSafely(text)).toThrow('The JSON body nests arrays and objects deeper than 256 levels: send a flatter body.')
    let node = parseJsonSafely(text, depth + 1) as { n?: unknown }
    for (let i = 0; i < depth; i++) node = node.n as { n?: unknown }
    expect(node).toEqual({})
  })

  it('refuses a number that parses to Infinity, at the top or inside arrays', () => {
    expect(() => parseJsonSafely('1e400')).toThrow('The JSON body is a number that does not fit a 64-bit float (it parses to Infinity)')
    const error = (() => {
      try {
        parseJsonSafely('[0,[1,-2e308]]')
      } catch (caught) {
        return caught as JsonBodyError
      }
    })()
    expect(error).toBeInstanceOf(JsonBodyError)
    expect(error!.path).toBe('/1/1')
    expect(parseJsonSafely('[1.7976931348623157e308, 5e-400]')).toEqual([1.7976931348623157e308, 0])
  })

  it('throws a SyntaxError on malformed JSON', () => {
    expect(() => parseJsonSafely('{"a":')).toThrow(SyntaxError)
  })
})
