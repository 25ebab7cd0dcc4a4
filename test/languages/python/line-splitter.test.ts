import { describe, expect, it } from 'vitest'
import { LineSplitter, MAX_LINE_CHARS } from '../../../src/languages/python/line-splitter.js'

function split(chunks: (string | Buffer)[], end = true) {
  const lines: string[] = []
  const splitter = new LineSplitter((line) => lines.push(line))
  for (const chunk of chunks) splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  if (end) splitter.end()
  return lines
}

describe('LineSplitter', () => {
  it('cuts lines at newlines across chunks, drops \\r, and keeps the last partial line until the end', () => {
    expect(split(['a\r\nb', 'c\n', 'd'], false)).toEqual(['a', 'bc'])
    expect(split(['a\r\nb', 'c\n', 'd'])).toEqual(['a', 'bc', 'd'])
  })

  it('joins a UTF-8 character split across chunks', () => {
    const bytes = Buffer.from('é😀\n')
    expect(split([bytes.subarray(0, 1), bytes.subarray(1, 4), bytes.subarray(4)])).toEqual(['é😀'])
  })

  it('passes on a line with no newline in pieces while it streams, instead of holding all of it', () => {
    const chunk = 'x'.repeat(10_000)
    const lines = split(Array.from({ length: 100 }, () => chunk), false)
    // 1,000,000 characters in pieces of 64 KiB: 15 whole pieces, the rest waits for more.
    expect(lines.length).toBe(15)
    expect(lines.every((line) => line.length === 65_536)).toBe(true)
  })

  it('never cuts a surrogate pair in two', () => {
    const lines = split([`${'x'.repeat(MAX_LINE_CHARS - 1)}😀y`])
    expect(lines).toEqual(['x'.repeat(MAX_LINE_CHARS - 1), '😀y'])
  })
})
