// A recording function that vitest's and jest's call matchers accept (`toHaveBeenCalledWith`, ...), with
// no import of either: both recognise a mock by `_isMockFunction` and read `mock.calls` / `mock.results`.

type AnyFunction = (...args: any[]) => any

export interface MockResult {
  type: 'return' | 'throw'
  value: unknown
}

/** A function that records its calls, as `vi.fn()` / `jest.fn()` do, usable with either's matchers. */
export interface RecordingFn<T extends AnyFunction = AnyFunction> {
  (...args: Parameters<T>): ReturnType<T>
  readonly _isMockFunction: true
  readonly mock: { calls: Parameters<T>[]; results: MockResult[]; lastCall: Parameters<T> | undefined }
  getMockName(): string
  mockImplementation(implementation: T): RecordingFn<T>
  mockReturnValue(value: ReturnType<T>): RecordingFn<T>
  mockResolvedValue(value: Awaited<ReturnType<T>>): RecordingFn<T>
  /** Forgets the calls, keeps the implementation. */
  mockClear(): RecordingFn<T>
}

/** What makes the mocks of `createMockContext` / `createMockLogger`: `vi.fn`, `jest.fn`, or the kit's own. */
export type FnFactory = <T extends AnyFunction>(implementation?: T) => T

/**
 * @example
 * const send = recordingFn(async (to: string) => true)
 * await send('ada')
 * send.mock.calls // [['ada']]
 */
export function recordingFn<T extends AnyFunction>(implementation?: T, name = 'recordingFn'): RecordingFn<T> {
  let current: AnyFunction | undefined = implementation
  const mock: RecordingFn<T>['mock'] = { calls: [], results: [], lastCall: undefined }
  const fn = function (this: unknown, ...args: Parameters<T>): ReturnType<T> {
    mock.calls.push(args)
    mock.lastCall = args
    try {
      const value = current?.apply(this, args)
      mock.results.push({ type: 'return', value })
      return value
    } catch (error) {
      mock.results.push({ type: 'throw', value: error })
      throw error
    }
  } as RecordingFn<T>
  return Object.assign(fn, {
    _isMockFunction: true as const,
    mock,
    getMockName: () => name,
    mockImplementation: (next: T) => {
      current = next
      return fn
    },
    mockReturnValue: (value: ReturnType<T>) => fn.mockImplementation((() => value) as T),
    mockResolvedValue: (value: Awaited<ReturnType<T>>) => fn.mockImplementation((() => Promise.resolve(value)) as T),
    mockClear: () => {
      mock.calls.length = 0
      mock.results.length = 0
      mock.lastCall = undefined
      return fn
    },
  })
}

/** The default factory: the kit's recording functions. */
export const defaultFn: FnFactory = <T extends AnyFunction>(implementation?: T) => recordingFn(implementation) as unknown as T
