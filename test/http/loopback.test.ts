import { describe, expect, it } from 'vitest'
import { adminAccessFor } from '../../src/http/admin-access.js'
import { hostOfHeader, isLoopbackHost } from '../../src/http/loopback.js'

describe('isLoopbackHost', () => {
  it.each(['localhost', 'LocalHost', 'localhost.', 'app.localhost', '127.0.0.1', '127.255.0.9', '::1', '[::1]', '0:0:0:0:0:0:0:1', '[::ffff:127.0.0.1]'])(
    'counts %s as loopback',
    (host) => expect(isLoopbackHost(host)).toBe(true),
  )

  it.each(['0.0.0.0', '::', '[::]', '192.168.1.2', '10.0.0.1', '127.0.0.256', '127.0.0', '128.0.0.1', 'localhost.evil.example', 'evillocalhost', '[::2]', '::ffff:10.0.0.1', ''])(
    'does not count %s as loopback',
    (host) => expect(isLoopbackHost(host)).toBe(false),
  )
})

describe('hostOfHeader', () => {
  it.each([
    ['localhost:3000', 'localhost'],
    ['localhost', 'localhost'],
    ['[::1]:3000', '[::1]'],
    ['[::1]', '[::1]'],
    ['127.0.0.1:80', '127.0.0.1'],
  ])('reads %s as %s', (header, host) => expect(hostOfHeader(header)).toBe(host))
})

describe('adminAccessFor', () => {
  it('opens admin in dev on a loopback host, closes it in run, and uses a token given', () => {
    expect(adminAccessFor(true, '127.0.0.1', undefined)).toEqual({ open: true })
    expect(adminAccessFor(true, 'localhost', undefined)).toEqual({ open: true })
    expect(adminAccessFor(false, '127.0.0.1', undefined)).toEqual({ open: false })
    expect(adminAccessFor(false, '0.0.0.0', 'tok')).toEqual({ open: false, token: 'tok' })
    expect(adminAccessFor(true, '127.0.0.1', 'tok')).toEqual({ open: false, token: 'tok' })
  })

  it('in dev on any other host without a token, generates a fresh random one', () => {
    const first = adminAccessFor(true, '0.0.0.0', undefined)
    const second = adminAccessFor(true, '::', '')
    expect(first.open).toBe(false)
    expect(first.token).toMatch(/^[\w-]{32}$/)
    expect(first.generated).toBe(first.token)
    expect(second.token).toMatch(/^[\w-]{32}$/)
    expect(second.token).not.toBe(first.token)
  })
})
