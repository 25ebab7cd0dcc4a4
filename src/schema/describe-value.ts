// A short description of any value for error messages: "the string \"abc\"", "a function", "an instance of Foo".
export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'string':
      return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`
    case 'number':
    case 'boolean':
    case 'bigint':
      return `the ${typeof value} ${String(value)}`
    case 'function':
      return 'a function'
    case 'undefined':
      return 'undefined'
    case 'symbol':
      return 'a symbol'
  }
  if (Array.isArray(value)) return `an array (${value.length} item${value.length === 1 ? '' : 's'})`
  const standard = (value as { '~standard'?: { vendor?: unknown } })['~standard']
  if (standard && typeof standard === 'object') {
    return `a ${String(standard.vendor)} schema (Standard Schema); only zod is converted, pass its JSON Schema instead`
  }
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return `an instance of ${(proto.constructor as { name?: string })?.name || 'a class'}`
  const keys = Object.keys(value as object)
  return keys.length ? `an object with keys ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', ...' : ''}` : 'an empty object'
}
