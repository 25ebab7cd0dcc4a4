import { InvalidArgumentError } from 'commander'

// Option parsers: each names the option, the value and what was expected.
export function parsePort(value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError(`Expected a port between 0 and 65535, got \`${value}\`.`)
  }
  return port
}

export function parsePositiveInt(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`Expected a positive integer, got \`${value}\`.`)
  return n
}

export function parseNonNegativeInt(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`Expected an integer >= 0, got \`${value}\`.`)
  return n
}

/** `1048576`, `512kb`, `10mb`. */
export function parseByteSize(value: string): number {
  const match = /^(\d+)\s*(b|kb|mb|gb)?$/i.exec(value.trim())
  if (!match) throw new InvalidArgumentError(`Expected a size such as 1048576, 512kb or 10mb, got \`${value}\`.`)
  const unit = (match[2] ?? 'b').toLowerCase()
  const factor = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[unit as 'b' | 'kb' | 'mb' | 'gb']
  return Number(match[1]) * factor
}
