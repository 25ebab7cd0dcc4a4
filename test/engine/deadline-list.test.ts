import { describe, expect, it } from 'vitest'
import { DeadlineList, type Timed } from '../../src/engine/deadline-list.js'

function entry(name: string, expired: string[], done?: () => void): Timed & { name: string } {
  return {
    name,
    expiresAt: 0,
    prev: undefined,
    next: undefined,
    expired() {
      expired.push(name)
      done?.()
    },
  }
}

describe('DeadlineList', () => {
  it('expires its entries oldest first, skipping removed ones', async () => {
    const expired: string[] = []
    const list = new DeadlineList(10)
    let finish!: () => void
    const finished = new Promise<void>((resolve) => (finish = resolve))
    const [a, b, c, d] = [entry('a', expired), entry('b', expired), entry('c', expired), entry('d', expired, finish)]
    for (const each of [a, b, c, d]) list.add(each)
    list.remove(b)
    list.remove(a) // the head: the timer then serves c
    list.remove(b) // twice: a no-op
    expect(list.entries().map((e) => (e as typeof a).name)).toEqual(['c', 'd'])
    await finished
    expect(expired).toEqual(['c', 'd'])
    expect(list.entries()).toEqual([])
  })

  it('takes new entries after it emptied, including from inside an expiry', async () => {
    const expired: string[] = []
    const list = new DeadlineList(5)
    let finish!: () => void
    const finished = new Promise<void>((resolve) => (finish = resolve))
    const second = entry('second', expired, finish)
    list.add({ ...entry('first', expired), expired: () => (expired.push('first'), list.add(second)) })
    await finished
    expect(expired).toEqual(['first', 'second'])
  })
})
