import { describe, expect, it } from 'vitest'
import { parseMypyOutput } from '../../src/check/typecheck-python.js'
import { parseTscOutput } from '../../src/check/typecheck-typescript.js'

describe('parseTscOutput', () => {
  it('gives one error per diagnostic, continuation lines kept, paths relative to the root', () => {
    const output = [
      "steps/a.step.ts(7,43): error TS2322: Type 'string' is not assignable to type 'number'.",
      "steps/b.step.ts(3,7): error TS2322: Type '{ a: string; }' is not assignable to type 'Order'.",
      "  Property 'b' is missing in type '{ a: string; }' but required in type 'Order'.",
      "/root/p/types.d.ts(1,1): error TS2307: Cannot find module 'motia'.",
      "error TS5058: The specified path does not exist: 'tsconfig.json'.",
    ].join('\n')
    expect(parseTscOutput(output, '/root/p')).toEqual([
      { code: 'tsc', file: 'steps/a.step.ts', line: 7, message: "Type 'string' is not assignable to type 'number'. (TS2322)" },
      {
        code: 'tsc',
        file: 'steps/b.step.ts',
        line: 3,
        message: "Type '{ a: string; }' is not assignable to type 'Order'. (TS2322)\n  Property 'b' is missing in type '{ a: string; }' but required in type 'Order'.",
      },
      { code: 'tsc', file: 'types.d.ts', line: 1, message: "Cannot find module 'motia'. (TS2307)" },
      { code: 'tsc', message: "The specified path does not exist: 'tsconfig.json'. (TS5058)" },
    ])
  })
})

describe('parseMypyOutput', () => {
  it('gives one error per diagnostic, with its notes, and skips other lines', () => {
    const output = [
      'steps/a_step.py:8: error: Incompatible types (expression has type "str", TypedDict item "amount" has type "float")  [typeddict-item]',
      'steps/b_step.py:3:5: error: Argument 1 to "emit" has incompatible type "int"; expected "Event"  [arg-type]',
      'steps/b_step.py:3:5: note: Consider using a TypedDict',
      'Success: no issues found in 1 source file',
    ].join('\n')
    expect(parseMypyOutput(output, '/root/p')).toEqual([
      {
        code: 'mypy',
        file: 'steps/a_step.py',
        line: 8,
        message: 'Incompatible types (expression has type "str", TypedDict item "amount" has type "float")  [typeddict-item]',
      },
      {
        code: 'mypy',
        file: 'steps/b_step.py',
        line: 3,
        message: 'Argument 1 to "emit" has incompatible type "int"; expected "Event"  [arg-type]\n  Consider using a TypedDict',
      },
    ])
  })
})
